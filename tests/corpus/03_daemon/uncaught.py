# wrong: work() does not catch the AssertionError, so the worker dies at once
# fails: program_runs
# fails: no_grandchild
# fails: alive_at_main_end
# says: raised AssertionError: daemonic processes are not allowed to have children
# says: got the AssertionError but did not print its message: it did not catch it
# says: it crashed with exit code 1
import multiprocessing
import time


def work():
    grandchild = multiprocessing.Process(target=print, args=("never printed",))
    grandchild.start()
    for i in range(10):
        print("Work in [%d]" % i)
        time.sleep(0.5)


if __name__ == "__main__":
    worker = multiprocessing.Process(target=work)
    worker.daemon = True
    worker.start()
    time.sleep(2)
    print("主进程结束!")
