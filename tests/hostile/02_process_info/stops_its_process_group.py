# hostile: main stops its children with a signal to its whole process group (os.killpg(os.getpgrp(), SIGTERM)), which reaches main itself
# fails: program_runs
# says: the main process was killed by SIGTERM
# says: (sent by the main process (pid
# says: to its whole process group at line 25 in <module>)
# says: stop the processes you started through their Process objects
import multiprocessing
import os
import signal
import time


def cook():
    print("做饭进程pid: ", os.getpid())
    time.sleep(30)


if __name__ == "__main__":
    print("主进程pid: ", os.getpid())
    children = [multiprocessing.Process(target=cook) for _ in range(2)]
    for child in children:
        child.start()
    time.sleep(0.5)
    # stop everything that is still running
    os.killpg(os.getpgrp(), signal.SIGTERM)
