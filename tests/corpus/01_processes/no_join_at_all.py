# wrong: both processes started, neither joined (multiprocessing joins them at exit)
# fails: joins_both
# says: main never called join() on process cook
# says: multiprocessing's exit handler joined cook only after main's code had finished
from multiprocessing import Process
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
    Process(target=cook, args=(2,)).start()
    Process(target=wash, kwargs={"num": 5}).start()
