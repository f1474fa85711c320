# correct: join(timeout=10), long enough for each job, and a for loop over the processes
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
    procs = [multiprocessing.Process(target=cook, args=(2,)),
             multiprocessing.Process(target=wash, kwargs={"num": 5})]
    [p.start() for p in procs]
    for p in procs:
        p.join(timeout=10)
        print(p.name, "exit code", p.exitcode)
