# wrong: no join(): main sleeps 3 s instead and hopes both jobs are done
# fails: joins_both
# says: main never called join() on process cook
# says: instead main slept 3 s (`time.sleep(3)` at line 26)
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
    time.sleep(3)
