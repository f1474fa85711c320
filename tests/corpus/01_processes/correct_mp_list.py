# correct: import multiprocessing as mp, the processes kept in a list
import multiprocessing as mp
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
    processes = [
        mp.Process(target=cook, args=(2,)),
        mp.Process(target=wash, kwargs={"num": 5}),
    ]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
