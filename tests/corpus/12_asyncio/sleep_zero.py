# wrong: asyncio.sleep(0) only hands over, it does not wait the half second
# fails: no_blocking_sleep
# says: after its 1st `做饭...` line, the sleep came to only 0 s (`await asyncio.sleep(0)` at line 10)
import asyncio


async def cook(num):
    for _ in range(num):
        print("做饭...")
        await asyncio.sleep(0)


async def wash(num):
    for _ in range(num):
        print("洗衣服...")
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(cook(2), wash(5))


if __name__ == "__main__":
    asyncio.run(main())
