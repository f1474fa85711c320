# hostile: closes standard output, then prints
# fails: program_runs
# says: I/O operation on closed file
# says: closed sys.stdout
import multiprocessing
import sys
import time


def cook(num):
    for _ in range(num):
        print("做饭...")
        time.sleep(0.5)


if __name__ == "__main__":
    sys.stdout.close()
    print("starting")
    multiprocessing.Process(target=cook, args=(2,)).start()
