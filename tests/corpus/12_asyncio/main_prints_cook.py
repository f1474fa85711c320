# wrong: cook(2) is made but never scheduled; main prints cook's lines itself while wash runs as a task
# fails: at_the_same_time
# says: `做饭...` was printed by main, not by cook
# says: cook never ran: Python warned `coroutine 'cook' was never awaited`
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
    cooking = cook(2)
    washing = asyncio.create_task(wash(5))
    for _ in range(2):
        print("做饭...")
        await asyncio.sleep(0.5)
    await washing


if __name__ == "__main__":
    asyncio.run(main())
