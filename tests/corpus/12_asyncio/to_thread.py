# wrong: plain functions handed to asyncio.to_thread run in worker threads, not as coroutines
# fails: one_thread
# says: asyncio started worker thread
# says: asyncio.to_thread and loop.run_in_executor run a plain function in a worker thread
# says: not by the MainThread
import asyncio
import time


def cook(num):
    for _ in range(num):
        print("做饭...")
        time.sleep(0.5)


def wash(num):
    for _ in range(num):
        print("洗衣服...")
        time.sleep(0.5)


async def main():
    await asyncio.gather(asyncio.to_thread(cook, 2), asyncio.to_thread(wash, 5))


if __name__ == "__main__":
    asyncio.run(main())
