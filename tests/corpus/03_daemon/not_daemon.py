# wrong: the daemon flag is never set, so main waits for the worker to finish
# fails: daemon_before_start
# fails: no_grandchild
# fails: stopped_with_main
# says: was started with daemon=False
# says: Python waits for a process that is not a daemon
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
