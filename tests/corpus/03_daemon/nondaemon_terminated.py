# wrong: a worker that is not a daemon, terminated by main at the end instead
# fails: daemon_before_start
# fails: no_grandchild
# says: was started with daemon=False
# says: process print
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
    worker.start()
    time.sleep(2)
    print("主进程结束!")
    worker.terminate()
