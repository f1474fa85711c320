# wrong: main waits with join(2) instead of sleeping 2 s
# fails: main_sleeps_no_join
# says: main called join(2) on process work
# says: at line 24 (`worker.join(2)`)
# says: join(2) waits up to 2 s for it to end
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
    worker = multiprocessing.Process(target=work, daemon=True)
    worker.start()
    worker.join(2)
    print("主进程结束!")
