# wrong: target=cook(2) calls cook in the main process
# fails: cook_and_wash_in_children
# says: `target=cook(2)` at line 22 (`cook_process = multiprocessing.Process(target=cook(2))`) calls cook right away, in main
# says: target=cook, args=(2,)
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
    cook_process = multiprocessing.Process(target=cook(2))
    wash_process = multiprocessing.Process(target=wash, kwargs={"num": 5})
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
