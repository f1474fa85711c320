# hostile: an endless loop in a non-daemon child; main waits for it at its end
# fails: program_runs
# says: still running after 10 s
# says: in process cook
# says: in cook: 
import multiprocessing
import time


def cook(num):
    print("做饭...")
    while True:
        num += 1


def wash(num):
    for _ in range(num):
        print("洗衣服...")
        time.sleep(0.5)


if __name__ == "__main__":
    multiprocessing.Process(target=cook, args=(2,)).start()
    multiprocessing.Process(target=wash, kwargs={"num": 5}).start()
