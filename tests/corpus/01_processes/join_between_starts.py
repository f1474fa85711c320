# wrong: cook is joined before wash is started, so they run one after the other
# fails: at_the_same_time
# says: wash was started only after cook had ended
# says: main called join() on cook at line 24, before starting wash
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
    cook_process.start()
    cook_process.join()
    wash_process = multiprocessing.Process(target=wash, kwargs={"num": 5})
    wash_process.start()
    wash_process.join()
