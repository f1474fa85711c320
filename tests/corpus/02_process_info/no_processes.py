# wrong: cook and wash called directly in main (no processes)
# fails: child_pids
# fails: parent_pids
# says: `做饭进程pid` was printed by the main process
# says: Run cook in a multiprocessing.Process
import multiprocessing
import os
import time


def cook():
    print("做饭进程pid: ", os.getpid())
    time.sleep(0.5)
    print("做饭进程父进程pid: ", os.getppid())


def wash():
    print("洗衣服进程pid: ", os.getpid())
    time.sleep(0.5)
    print("洗衣服进程父进程pid: ", os.getppid())


if __name__ == "__main__":
    print("主进程pid: ", os.getpid())
    cook()
    wash()
