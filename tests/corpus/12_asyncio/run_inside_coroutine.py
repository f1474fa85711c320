# wrong: asyncio.run called inside a coroutine, while the event loop already runs
# fails: program_runs
# says: raised RuntimeError: asyncio.run() cannot be called from a running event loop
# says: Call asyncio.run once, outside every coroutine
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
    asyncio.run(cook(2))
    asyncio.run(wash(5))


if __name__ == "__main__":
    asyncio.run(main())
