# wrong: the coroutine objects are made but never awaited or scheduled; main prints the lines
# fails: at_the_same_time
# says: were printed in turn by main
# says: cook never ran: Python warned `coroutine 'cook' was never awaited`
# says: wash never ran
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
    jobs = [cook(2), wash(5)]
    print("做饭...")
    for i in range(5):
        print("洗衣服...")
        await asyncio.sleep(0.5)
        if i == 0:
            print("做饭...")


asyncio.run(main())
