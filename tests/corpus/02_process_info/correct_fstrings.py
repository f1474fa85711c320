# correct: f-strings with a single space, parent_process imported by name
import os
import time
from multiprocessing import Process, parent_process


def cook():
    print(f"做饭进程pid: {os.getpid()}")
    time.sleep(0.5)
    print(f"做饭进程父进程pid: {parent_process().pid}")


def wash():
    print(f"洗衣服进程pid: {os.getpid()}")
    time.sleep(0.5)
    print(f"洗衣服进程父进程pid: {parent_process().pid}")


if __name__ == "__main__":
    print(f"主进程pid: {os.getpid()}")
    workers = [Process(target=cook), Process(target=wash)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
