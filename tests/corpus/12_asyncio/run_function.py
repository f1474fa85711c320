# wrong: asyncio.run(main) hands over the function, not a coroutine object
# fails: program_runs
# fails: line_counts
# says: ValueError: a coroutine was expected
# says: write asyncio.run(main()), with the parentheses
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
    await asyncio.gather(cook(2), wash(5))


if __name__ == "__main__":
    asyncio.run(main)
