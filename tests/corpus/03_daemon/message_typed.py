# wrong: work() prints the message text itself instead of trying to start a process
# fails: no_grandchild
# says: never tried to start a process (it printed the message itself)
import multiprocessing
import time


def work():
    print("daemonic processes are not allowed to have children")
    for i in range(10):
        print("Work in [%d]" % i)
        time.sleep(0.5)


if __name__ == "__main__":
    worker = multiprocessing.Process(target=work)
    worker.daemon = True
    worker.start()
    time.sleep(2)
    print("主进程结束!")
