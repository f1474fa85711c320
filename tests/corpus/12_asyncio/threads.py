# wrong: two threads instead of two coroutines
# fails: one_thread
# says: your program started 2 threads (cook at line 25 in <module>)
# says: not by the MainThread
# says: asyncio needs no threads
import threading
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
    workers = [threading.Thread(target=cook, args=(2,)), threading.Thread(target=wash, args=(5,))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
