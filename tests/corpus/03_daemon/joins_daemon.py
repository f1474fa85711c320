# wrong: main joins the daemon, so it waits for all its work before its last line
# fails: alive_at_main_end
# fails: stopped_with_main
# says: had already ended: main called join() on it at line 25
# says: was never stopped: it did all its work and ended by itself (exit code 0)
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
    worker.join()
    time.sleep(2)
    print("主进程结束!")
