# wrong: cook(2) is called without await, so it never runs
# fails: line_counts
# fails: at_the_same_time
# says: coroutine 'cook' was never awaited
# says: Calling cook(2) without await only makes a coroutine object
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
    cook(2)
    await wash(5)


if __name__ == "__main__":
    asyncio.run(main())
