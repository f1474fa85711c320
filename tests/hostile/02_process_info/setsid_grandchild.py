# hostile: a double-forked grandchild that leaves the session with setsid() and sleeps an hour
# fails: program_runs
# says: still running after main ended
import os
import time

if __name__ == "__main__":
    print("主进程pid:", os.getpid())
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(3600)
        os._exit(0)
    os.wait()
