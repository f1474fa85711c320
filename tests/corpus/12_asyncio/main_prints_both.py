# wrong: main's coroutine prints cook's and wash's lines itself, awaiting between them; cook and wash never run
# fails: at_the_same_time
# says: were printed in turn by main, the coroutine asyncio.run runs (line 27: `asyncio.run(main())`)
# says: cook never ran: no line and no sleep came from it
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
    for text in ["做饭...", "洗衣服...", "做饭...", "洗衣服...", "洗衣服...", "洗衣服...", "洗衣服..."]:
        print(text)
        await asyncio.sleep(0.25)


if __name__ == "__main__":
    asyncio.run(main())
