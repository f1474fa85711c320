# wrong: main sleeps 8 s instead of 2 s, so the daemon has done all its work before main ends
# fails: alive_at_main_end
# fails: stopped_with_main
# says: had already ended
# says: was never stopped: it did all its work and ended by itself (exit code 0) before main's last line
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
    time.sleep(8)  # wait long enough for the worker
    print("主进程结束!")
