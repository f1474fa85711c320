# wrong: main awaits cook(2) and then wash(5): the second starts when the first has finished
# fails: at_the_same_time
# says: cook printed all its lines before wash printed its first
# says: `await cook(2)` runs cook to its end before main goes on
# says: await asyncio.gather(cook(2), wash(5))
import asyncio


async def cook(num):
    for _ in range(num):
        print("做饭...")
        await asyncio.sleep(0.5)


async def wash(num):
    for _ in range(num):
        print("洗衣服...")
        await asyncio.sleep(0.5)


async def main():
    await cook(2)
    await wash(5)


if __name__ == "__main__":
    asyncio.run(main())
