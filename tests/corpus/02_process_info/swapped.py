# wrong: each child prints its parent's pid as its own (getpid and getppid swapped)
# fails: child_pids
# fails: parent_pids
# says: Call os.getpid() inside cook itself
# says: it is cook's parent (os.getppid())
# says: that is the pid of the fork server, cook's parent in the operating system
import multiprocessing
import os
import time


def cook():
    print("做饭进程pid: ", os.getppid())
    time.sleep(0.5)
    print("做饭进程父进程pid: ", os.getpid())


def wash():
    print("洗衣服进程pid: ", os.getppid())
    time.sleep(0.5)
    print("洗衣服进程父进程pid: ", os.getpid())


if __name__ == "__main__":
    print("主进程pid: ", os.getpid())
    cook_process = multiprocessing.Process(target=cook)
    wash_process = multiprocessing.Process(target=wash)
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
