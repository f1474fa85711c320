# wrong: the Work lines are numbered from 1
# fails: work_lines
# says: counting up from 0
# says: the numbers were [1, 2, 3
import multiprocessing
import time


def work():
    try:
        grandchild = multiprocessing.Process(target=print, args=("never printed",))
        grandchild.start()
    except AssertionError as error:
        print(error)
    for i in range(1, 11):
        print("Work in [%d]" % i)
        time.sleep(0.5)


if __name__ == "__main__":
    worker = multiprocessing.Process(target=work)
    worker.daemon = True
    worker.start()
    time.sleep(2)
    print("主进程结束!")
