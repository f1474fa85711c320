# wrong: wash sleeps 0.05 s instead of 0.5 s (from time import sleep)
# fails: sleeps
# says: slept only 0.05 s (`sleep(0.05)` at line 17)
from multiprocessing import Process
from time import sleep


def cook(num):
    for _ in range(num):
        print("做饭...")
        sleep(0.5)


def wash(num):
    for _ in range(num):
        print("洗衣服...")
        sleep(0.05)


if __name__ == "__main__":
    cook_process = Process(target=cook, args=(2,))
    wash_process = Process(target=wash, kwargs={"num": 5})
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
