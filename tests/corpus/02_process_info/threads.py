# wrong: threads instead of processes (a thread's native id printed as its pid)
# fails: child_pids
# fails: parent_pids
# says: was printed by the main process
# says: thread Thread-1
# says: multiprocessing.Process
import os
import threading
import time


def cook():
    print("做饭进程pid: ", threading.get_native_id())
    time.sleep(0.5)
    print("做饭进程父进程pid: ", os.getpid())


def wash():
    print("洗衣服进程pid: ", threading.get_native_id())
    time.sleep(0.5)
    print("洗衣服进程父进程pid: ", os.getpid())


if __name__ == "__main__":
    print("主进程pid: ", os.getpid())
    cook_thread = threading.Thread(target=cook)
    wash_thread = threading.Thread(target=wash)
    cook_thread.start()
    wash_thread.start()
    cook_thread.join()
    wash_thread.join()
