# wrong: the sleep taken out of cook, so cook never hands over
# fails: no_blocking_sleep
# says: after its 1st `做饭...` line, no sleep came before the next one
import asyncio


async def cook(num):
    for _ in range(num):
        print("做饭...")


async def wash(num):
    for _ in range(num):
        print("洗衣服...")
        await asyncio.sleep(0.5)


async def main():
    await asyncio.gather(cook(2), wash(5))


asyncio.run(main())
