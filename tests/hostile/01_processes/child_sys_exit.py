# hostile: sys.exit(3) in a child process
# fails: program_runs
# says: process cook
# says: exit code 3 (sys.exit(3) at line 12 in cook)
import multiprocessing
import sys
import time


def cook(num):
    print("做饭...")
    sys.exit(3)


def wash(num):
    for _ in range(num):
        print("洗衣服...")
        time.sleep(0.5)


if __name__ == "__main__":
    cook_process = multiprocessing.Process(target=cook, args=(2,))
    wash_process = multiprocessing.Process(target=wash, kwargs={"num": 5})
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
