# wrong: main terminates the worker before printing its last line
# fails: alive_at_main_end
# says: main terminated it at line 24 before printing
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
    time.sleep(2)
    worker.terminate()
    print("主进程结束!")
