# wrong: work() is called in main, without a Process
# fails: daemon_before_start
# fails: work_lines
# says: `Work in` lines were printed by the main process
# says: Process(target=work)
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
    work()
    print("主进程结束!")
