# 12 - Cook and wash as coroutines / 用协程做饭和洗衣服
# Read README.md in this folder, then let the two coroutines take turns in one thread.
# 阅读本文件夹中的 README.md，然后让两个协程在同一个线程里轮流运行。
import asyncio
import time


async def cook(num):
    for _ in range(num):
        print("做饭...")
        # TODO: time.sleep blocks the event loop: wait with `await asyncio.sleep(0.5)`.
        # TODO: time.sleep 会阻塞事件循环：改用 `await asyncio.sleep(0.5)` 等待。
        time.sleep(0.5)


async def wash(num):
    for _ in range(num):
        print("洗衣服...")
        # TODO: the same here. / TODO: 这里也一样。
        time.sleep(0.5)


async def main():
    # TODO: run cook(2) and wash(5) at the same time with asyncio.gather.
    # TODO: 用 asyncio.gather 让 cook(2) 和 wash(5) 同时运行。
    await cook(2)
    await wash(5)


if __name__ == "__main__":
    asyncio.run(main())
