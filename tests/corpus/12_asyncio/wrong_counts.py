# wrong: the counts are swapped: cook(5) and wash(2)
# fails: line_counts
# says: `做饭...` was printed 5 times
# says: Call cook(2) once
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
    await asyncio.gather(cook(5), wash(2))


if __name__ == "__main__":
    asyncio.run(main())
