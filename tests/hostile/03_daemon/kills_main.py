# hostile: the child kills the main process with SIGKILL
# fails: program_runs
# says: killed by SIGKILL
# says: sent by process work
# says: with os.kill at line 14 in work
import multiprocessing
import os
import signal
import time


def work():
    print("Work in [0]")
    os.kill(multiprocessing.parent_process().pid, signal.SIGKILL)
    time.sleep(3600)


if __name__ == "__main__":
    worker = multiprocessing.Process(target=work, daemon=True)
    worker.start()
    time.sleep(2)
    print("主进程结束!")
