# wrong: main sleeps only 1 s
# fails: main_sleeps_no_join
# says: main slept only 1 s (`time.sleep(1)` at line 23)
import multiprocessing
import time


def work():
    try:
        grandchild = multiprocessing.Process(target=print, args=("never printed",))
        grandchild.start()
    except AssertionError as error:
        print(error)
    for i in range(10):
        print("Work in [%d]" % i)
        time.sleep(0.5)


if __name__ == "__main__":
    worker = multiprocessing.Process(target=work)
    worker.daemon = True
    worker.start()
    time.sleep(1)
    print("主进程结束!")
