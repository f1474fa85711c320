# wrong: processes started at module level, without if __name__ == "__main__": (fails under spawn)
# fails: program_runs
# says: outside `if __name__ == "__main__":`
# says: spawn
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


cook_process = multiprocessing.Process(target=cook, args=(2,))
wash_process = multiprocessing.Process(target=wash, kwargs={"num": 5})
cook_process.start()
wash_process.start()
cook_process.join()
wash_process.join()
