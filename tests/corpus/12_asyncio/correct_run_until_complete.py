# correct: an event loop of its own with run_until_complete, tasks from a list
import asyncio


async def cook(num):
    for _ in range(num):
        print("做饭...")
        await asyncio.sleep(0.5)


async def wash(num):
    for _ in range(num):
        print("洗衣服...")
        await asyncio.sleep(0.5)


async def chores():
    tasks = [asyncio.ensure_future(cook(2)), asyncio.ensure_future(wash(num=5))]
    for task in tasks:
        await task


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    loop.run_until_complete(chores())
    loop.close()
