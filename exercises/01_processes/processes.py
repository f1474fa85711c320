# 01 - Cook and wash at the same time / 同时做饭和洗衣服
# Read README.md in this folder, then make cook and wash run in two processes.
# 阅读本文件夹中的 README.md，然后让 cook 和 wash 在两个进程中同时运行。
import time


def cook(num):
    for _ in range(num):
        print("做饭...")
        time.sleep(0.5)


def wash(num):
    for _ in range(num):
        print("洗衣服...")
        time.sleep(0.5)


if __name__ == "__main__":
    # TODO: run cook(2) and wash(5) at the same time, each in its own
    # multiprocessing.Process (cook's count with args, wash's with kwargs).
    # TODO: 用 multiprocessing.Process 让 cook(2) 和 wash(5) 同时运行。
    cook(2)
    wash(5)
