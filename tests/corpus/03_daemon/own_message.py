# wrong: the AssertionError is caught, but work() prints its own text instead of the error's message
# fails: no_grandchild
# says: got the AssertionError but did not print its message
# says: print(e)
import multiprocessing
import time


def work():
    try:
        multiprocessing.Process(target=print, args=("never printed",)).start()
    except AssertionError:
        print("守护进程不能创建子进程")
    for i in range(10):
        print("Work in [%d]" % i)
        time.sleep(0.5)


if __name__ == "__main__":
    worker = multiprocessing.Process(target=work)
    worker.daemon = True
    worker.start()
    time.sleep(2)
    print("主进程结束!")
