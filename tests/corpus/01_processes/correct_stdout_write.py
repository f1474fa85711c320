# correct: sys.stdout.write and print(..., flush=True), keyword arguments everywhere
import multiprocessing
import sys
import time


def cook(num):
    for _ in range(num):
        sys.stdout.write("做饭...\n")
        sys.stdout.flush()
        time.sleep(0.5)


def wash(num):
    for _ in range(num):
        print("洗衣服...", flush=True)
        time.sleep(0.5)


def main():
    cook_process = multiprocessing.Process(target=cook, args=(2,), name="cook")
    wash_process = multiprocessing.Process(target=wash, kwargs=dict(num=5), name="wash")
    cook_process.start()
    wash_process.start()
    wash_process.join()
    cook_process.join()


if __name__ == "__main__":
    main()
