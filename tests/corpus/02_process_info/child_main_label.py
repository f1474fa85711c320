# wrong: cook prints its pid with main's label (主进程pid) instead of 做饭进程pid
# fails: main_pid
# fails: child_pids
# says: `主进程pid` was printed 2 times
# says: no process printed a line `做饭进程pid: <number>`
import multiprocessing
import os
import time


def cook():
    print("主进程pid: ", os.getpid())
    time.sleep(0.5)
    print("做饭进程父进程pid: ", multiprocessing.parent_process().pid)


def wash():
    print("洗衣服进程pid: ", os.getpid())
    time.sleep(0.5)
    print("洗衣服进程父进程pid: ", multiprocessing.parent_process().pid)


if __name__ == "__main__":
    print("主进程pid: ", os.getpid())
    cook_process = multiprocessing.Process(target=cook)
    wash_process = multiprocessing.Process(target=wash)
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
