# correct: one coroutine for both jobs, gathered from a list, without the __main__ guard
import asyncio
from asyncio import sleep


async def job(text, num):
    for _ in range(num):
        print(text)
        await sleep(0.5)


async def main():
    jobs = [job("做饭...", 2), job("洗衣服...", 5)]
    await asyncio.gather(*jobs)


asyncio.run(main())
