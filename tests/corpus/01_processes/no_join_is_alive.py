# wrong: main polls is_alive() in a loop instead of calling join()
# fails: joins_both
# says: main never called join() on process cook
# says: your file checks is_alive() at line 27 (`while cook_process.is_alive() or wash_process.is_alive():`)
# says: instead main slept
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
    wash_process = multiprocessing.Process(target=wash, kwargs={"num": 5})
    cook_process.start()
    wash_process.start()
    while cook_process.is_alive() or wash_process.is_alive():
        time.sleep(0.1)
    print("都做完了")
