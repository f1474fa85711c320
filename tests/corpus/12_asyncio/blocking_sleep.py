# wrong: time.sleep inside the coroutines blocks the event loop, so gather cannot interleave them
# fails: no_blocking_sleep
# fails: at_the_same_time
# says: at line 15 in cook (`time.sleep(0.5)`, 2 times) and line 21 in wash (`time.sleep(0.5)`, 5 times)
# says: time.sleep blocks the event loop
# says: cook printed all its lines before wash printed its first
# says: await asyncio.sleep(0.5)
import asyncio
import time


async def cook(num):
    for _ in range(num):
        print("做饭...")
        time.sleep(0.5)


async def wash(num):
    for _ in range(num):
        print("洗衣服...")
        time.sleep(0.5)


async def main():
    await asyncio.gather(cook(2), wash(5))


if __name__ == "__main__":
    asyncio.run(main())
