# hostile: a daemon child that ignores SIGTERM, so main hangs at its end
# fails: program_runs
# says: still running after 10 s
# says: replaced SIGTERM's handler with SIG_IGN at line 11
import multiprocessing
import signal
import time


def work():
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    for i in range(10 ** 6):
        print("Work in [%d]" % i)
        time.sleep(0.5)


if __name__ == "__main__":
    worker = multiprocessing.Process(target=work, daemon=True)
    worker.start()
    time.sleep(2)
    print("主进程结束!")
