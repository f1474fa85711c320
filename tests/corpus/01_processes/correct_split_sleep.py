# correct: the half second slept in two steps, and the line written with sys.stdout.write
import multiprocessing
import sys
import time


def cook(num):
    for _ in range(num):
        sys.stdout.write("做饭...\n")
        time.sleep(0.25)
        time.sleep(0.25)


def wash(num):
    for i in range(num):
        print("洗衣服...")
        time.sleep(0.5)


if __name__ == "__main__":
    cook_process = multiprocessing.Process(target=cook, args=(2,))
    wash_process = multiprocessing.Process(target=wash, kwargs={"num": 5})
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
