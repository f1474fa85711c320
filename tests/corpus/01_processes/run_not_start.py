# wrong: p.run() instead of p.start(): the targets run in the main process
# fails: cook_and_wash_in_children
# says: cook ran in the main process
# says: called the Process's run() at line
# says: Call start() instead
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
    cook_process.run()
    wash_process.run()
