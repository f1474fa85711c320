# wrong: two processes instead of two coroutines
# fails: one_thread
# says: your program started 2 processes (cook at line 24 in <module>)
# says: Coroutines need no process
import multiprocessing
import time


def cook(num):
    for _ in range(num):
        print("做饭...")
        time.sleep(0.5)


def wash(num):
    for _ in range(num):
        print("洗衣服...")
        time.sleep(0.5)


if __name__ == "__main__":
    cook_process = multiprocessing.Process(target=cook, args=(2,))
    wash_process = multiprocessing.Process(target=wash, args=(5,))
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
