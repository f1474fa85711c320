# wrong: only wash is joined (cook is shorter, so the student forgot it)
# fails: joins_both
# says: main never called join() on process cook
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


def main():
    jobs = {
        "cook": multiprocessing.Process(target=cook, args=(2,)),
        "wash": multiprocessing.Process(target=wash, kwargs={"num": 5}),
    }
    for p in jobs.values():
        p.start()
    jobs["wash"].join()


if __name__ == "__main__":
    main()
