# wrong: asyncio.run called twice: the second event loop starts when the first has finished
# fails: at_the_same_time
# says: cook printed all its lines before wash printed its first
# says: and so does each asyncio.run(...)
import asyncio


async def cook(num):
    for _ in range(num):
        print("做饭...")
        await asyncio.sleep(0.5)


async def wash(num):
    for _ in range(num):
        print("洗衣服...")
        await asyncio.sleep(0.5)


if __name__ == "__main__":
    asyncio.run(cook(2))
    asyncio.run(wash(5))
