# wrong: not a daemon; the grandchild's target is a lambda (spawn cannot pickle it)
# fails: daemon_before_start
# fails: no_grandchild
# says: was started with daemon=False
# says: process work.<locals>.<lambda>
import multiprocessing
import time


def work():
    try:
        p = multiprocessing.Process(target=lambda: print("grandchild"))
        p.start()
        p.join()
    except AssertionError as e:
        print(e)
    for i in range(10):
        print("Work in [%d]" % i)
        time.sleep(0.5)


if __name__ == "__main__":
    worker = multiprocessing.Process(target=work)
    worker.start()
    time.sleep(2)
    print("主进程结束!")
