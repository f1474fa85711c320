# hostile: a huge memory allocation (8 GiB) in each thread
# fails: program_runs
# says: MemoryError
# says: at most 2 GiB of memory
import threading

balance = 0
lock = threading.Lock()


def run_thread(n):
    hoard = bytearray(8 * 1024 ** 3)
    return hoard


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(balance)
