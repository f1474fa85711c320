# wrong: wash's count passed with args instead of kwargs
# fails: arguments
# says: wash's count passed with `kwargs={"num": 5}`
# says: wash's process was created with args=(5,) kwargs={}
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
