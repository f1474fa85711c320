# correct: two tasks made with asyncio.create_task, both awaited
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
    cooking = asyncio.create_task(cook(2))
    washing = asyncio.create_task(wash(5))
    await cooking
    await washing


if __name__ == "__main__":
    asyncio.run(main())
