# hostile: main kills everything with SIGKILL to its own process group (os.killpg(0, SIGKILL)), the process that started it among them where it may
# fails: program_runs
# says: SIGKILL
# says: at line 22 in <module>
# says (grader's user): the process that started main (pid
# says (grader's user): sent SIGKILL to its own process group, which that process leads
# says (own user): the main process was killed by SIGKILL (sent by the main process (pid
# says: stop the processes you started through their Process objects
import multiprocessing
import os
import signal
import time


def cook():
    time.sleep(30)


if __name__ == "__main__":
    multiprocessing.Process(target=cook).start()
    time.sleep(0.2)
    os.killpg(0, signal.SIGKILL)
