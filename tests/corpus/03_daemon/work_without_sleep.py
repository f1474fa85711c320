# wrong: the worker's sleep is taken out of the loop and put once before it
# fails: work_lines
# says: after `Work in [0]`, process work
# says: did not sleep before its next line
import multiprocessing
import time


def work():
    try:
        multiprocessing.Process(target=print).start()
    except AssertionError as e:
        print(e)
    time.sleep(0.5)
    for i in range(10):
        print("Work in [%d]" % i)


if __name__ == "__main__":
    worker = multiprocessing.Process(target=work, daemon=True)
    worker.start()
    time.sleep(2)
    print("主进程结束!")
