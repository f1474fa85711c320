# hostile: os._exit(0) before printing anything
# fails: program_runs
# says: os._exit(0) at line 8 in <module>
# says: before printing anything
import multiprocessing
import os

os._exit(0)
print("主进程pid:", os.getpid())
