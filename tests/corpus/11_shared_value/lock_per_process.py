# wrong: each worker makes its own multiprocessing.Lock, so no other process ever waits for it
# fails: one_shared_lock
# says: each process held a lock of its own (4 different locks for 4 processes)
import multiprocessing


def work(counter):
    lock = multiprocessing.Lock()
    for _ in range(1000):
        with lock:
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=work, args=(counter,)) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(counter.value)
