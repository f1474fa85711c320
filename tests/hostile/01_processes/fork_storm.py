# hostile: a fork storm: main starts process after process, each sleeping an hour
# fails: program_runs
# says: more than 64 processes
# says: at line 12 in <module>
import multiprocessing
import time

if __name__ == "__main__":
    sleepers = []
    for i in range(500):
        p = multiprocessing.Process(target=time.sleep, args=(3600,))
        p.start()
        sleepers.append(p)
