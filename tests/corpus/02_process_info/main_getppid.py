# wrong: main prints os.getppid() (its own parent) instead of os.getpid()
# fails: main_pid
# says: that is the pid of main's own parent (the program that ran yours), which is what os.getppid() returns
# says: os.getpid()
import multiprocessing
import os
import time


def cook():
    print("做饭进程pid: ", os.getpid())
    time.sleep(0.5)
    print("做饭进程父进程pid: ", multiprocessing.parent_process().pid)


def wash():
    print("洗衣服进程pid: ", os.getpid())
    time.sleep(0.5)
    print("洗衣服进程父进程pid: ", multiprocessing.parent_process().pid)


if __name__ == "__main__":
    print("主进程pid: ", os.getppid())
    cook_process = multiprocessing.Process(target=cook)
    wash_process = multiprocessing.Process(target=wash)
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
