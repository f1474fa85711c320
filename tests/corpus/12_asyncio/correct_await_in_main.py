# correct: wash as a task, cook awaited in main's own task meanwhile
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
    washing = asyncio.create_task(wash(5))
    await cook(2)
    await washing


if __name__ == "__main__":
    asyncio.run(main())
