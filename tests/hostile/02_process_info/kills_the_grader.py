# hostile: main kills its own parent, which is the grader, with SIGKILL (an honest parent/child mix-up)
# fails: program_runs
# says: tried to send SIGKILL to the grader
# says: the process that started main) at line 10 in <module>
import os
import signal

if __name__ == "__main__":
    print("主进程pid:", os.getpid())
    os.kill(os.getppid(), signal.SIGKILL)
    os.killpg(os.getpgid(os.getppid()), signal.SIGKILL)
