# hostile: an endless loop in main, after starting both processes
# fails: program_runs
# says: still running after 10 s
# says: thread MainThread at line 2
# graded only: grader's user
#   (it burns a core until the deadline; under a user of the run's own it would
#   be stopped as the other hangs are, which that mode grades)
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
    multiprocessing.Process(target=cook, args=(2,)).start()
    multiprocessing.Process(target=wash, kwargs={"num": 5}).start()
    while True:
        pass
