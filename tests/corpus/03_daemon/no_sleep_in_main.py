# wrong: main busy-waits on the clock instead of sleeping 2 s
# fails: main_sleeps_no_join
# says: main did not call time.sleep
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
    end = time.time() + 2
    while time.time() < end:
        pass
    print("主进程结束!")
