# wrong: os.getppid() for the parent pid (right under fork and spawn, the fork server under forkserver)
# fails: parent_pids
# says: the pid of the fork server
# says: multiprocessing.parent_process().pid
# says: Under the 'forkserver' start method
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
    cook_process = multiprocessing.Process(target=cook)
    wash_process = multiprocessing.Process(target=wash)
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
