# wrong: the pids are computed in main and passed to the children as args
# fails: child_pids
# fails: parent_pids
# says: that is the main process's pid, not cook's own: either it was taken in main (os.getpid() called in main)
# says: Call os.getpid() inside cook itself
import multiprocessing
import os
import time


def cook(pid, ppid):
    print("做饭进程pid: ", pid)
    time.sleep(0.5)
    print("做饭进程父进程pid: ", ppid)


def wash(pid, ppid):
    print("洗衣服进程pid: ", pid)
    time.sleep(0.5)
    print("洗衣服进程父进程pid: ", ppid)


if __name__ == "__main__":
    print("主进程pid: ", os.getpid())
    cook_process = multiprocessing.Process(target=cook, args=(os.getpid(), os.getppid()))
    wash_process = multiprocessing.Process(target=wash, args=(os.getpid(), os.getppid()))
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
