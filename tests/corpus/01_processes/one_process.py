# wrong: both jobs in one process (a function that calls cook, then wash)
# fails: cook_and_wash_in_children
# says: cook and wash run in two different processes
# says: Give each job its own multiprocessing.Process
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


def chores(cook_count, wash_count):
    cook(cook_count)
    wash(wash_count)


if __name__ == "__main__":
    chores_process = multiprocessing.Process(target=chores, args=(2, 5))
    chores_process.start()
    chores_process.join()
