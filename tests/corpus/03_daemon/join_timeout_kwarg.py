# wrong: main sleeps 2 s, prints, then joins the daemon with a timeout "to be safe"
# fails: main_sleeps_no_join
# says: main called join(0.5) on process work (pid
# says: Do not join the daemon
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


def main():
    worker = multiprocessing.Process(target=work, name="worker")
    worker.daemon = True
    worker.start()
    time.sleep(2)
    print("主进程结束!")
    worker.join(timeout=0.5)


if __name__ == "__main__":
    main()
