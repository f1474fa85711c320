# wrong: join(0.2) gives up long before the jobs end
# fails: joins_both
# says: main called join(0.2) on process cook
# says: but cook sleeps 1 s in all
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
    cook_process.join(0.2)
    wash_process.join(0.2)
