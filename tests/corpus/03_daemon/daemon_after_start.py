# wrong: daemon set after start() (raises 'process has already started')
# fails: program_runs
# fails: daemon_before_start
# says: AssertionError: process has already started
# says: then setting .daemon after start() raised 'process has already started'
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
    worker.daemon = True
    time.sleep(2)
    print("主进程结束!")
