# wrong: the job is called first and its result handed to Process as the target
# fails: cook_and_wash_in_children
# says: cook ran in the main process
# says: had no target: main called cook itself (line 22: `job = cook(2)`)
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
    job = cook(2)
    cook_process = multiprocessing.Process(target=job)
    wash_process = multiprocessing.Process(target=wash, kwargs={"num": 5})
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
