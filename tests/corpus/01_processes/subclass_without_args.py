# wrong: a Process subclass keeps the count in its own attribute, not passed with args/kwargs
# fails: arguments
# says: cook's process was created with args=() kwargs={}
# says: CookProcess
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


class CookProcess(multiprocessing.Process):
    def __init__(self, num):
        super().__init__()
        self.num = num

    def run(self):
        cook(self.num)


class WashProcess(multiprocessing.Process):
    def __init__(self, num):
        super().__init__()
        self.num = num

    def run(self):
        wash(self.num)


if __name__ == "__main__":
    cook_process = CookProcess(2)
    wash_process = WashProcess(num=5)
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
