# wrong: wash's keyword is not the name of its parameter (kwargs={"n": 5})
# fails: program_runs
# says: unexpected keyword argument 'n'
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
    wash_process = multiprocessing.Process(target=wash, kwargs={"n": 5})
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
