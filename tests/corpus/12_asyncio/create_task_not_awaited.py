# wrong: the tasks are created but never awaited: main() returns and asyncio.run cancels them
# fails: line_counts
# says: `做饭...` was printed 1 time
# says: asyncio.run cancels every task still running
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
    asyncio.create_task(cook(2))
    asyncio.create_task(wash(5))


if __name__ == "__main__":
    asyncio.run(main())
