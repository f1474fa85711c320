# wrong: the lines are printed by loop.call_soon callbacks, not by coroutines
# fails: at_the_same_time
# says: was printed by the event loop outside any task
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for text in ["做饭...", "洗衣服...", "做饭...", "洗衣服...", "洗衣服...", "洗衣服...", "洗衣服..."]:
        loop.call_soon(print, text)
        await asyncio.sleep(0.25)


if __name__ == "__main__":
    asyncio.run(main())
