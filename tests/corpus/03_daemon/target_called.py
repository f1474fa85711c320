# wrong: target=work() calls work in the main process
# fails: daemon_before_start
# fails: work_lines
# says: `Work in` lines were printed by the main process
# says: `target=work()` calls work right away
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
    worker = multiprocessing.Process(target=work(), daemon=True)
    worker.start()
    time.sleep(2)
    print("主进程结束!")
