# wrong: the children print os.getpgrp() (their process group) as their parent's pid
# fails: parent_pids
# says: which is no process of your program
# says: multiprocessing.parent_process().pid
import multiprocessing
import os
import time


def cook():
    print("做饭进程pid: ", os.getpid())
    time.sleep(0.5)
    print("做饭进程父进程pid: ", os.getpgrp())


def wash():
    print("洗衣服进程pid: ", os.getpid())
    time.sleep(0.5)
    print("洗衣服进程父进程pid: ", os.getpgrp())


if __name__ == "__main__":
    print("主进程pid: ", os.getpid())
    cook_process = multiprocessing.Process(target=cook)
    wash_process = multiprocessing.Process(target=wash)
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
