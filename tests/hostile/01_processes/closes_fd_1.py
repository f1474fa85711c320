# hostile: closes file descriptor 1 (standard output) with os.close, then prints
# fails: program_runs
# says: Bad file descriptor
# says: os.close(1) closes standard output
import multiprocessing
import os
import time


def cook(num):
    for _ in range(num):
        print("做饭...")
        time.sleep(0.5)


if __name__ == "__main__":
    os.close(1)
    print("starting")
    multiprocessing.Process(target=cook, args=(2,)).start()
