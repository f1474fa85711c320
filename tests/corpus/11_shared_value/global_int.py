# wrong: a plain global int with a lock: every child adds to its own copy, main prints 0
# fails: count_4000
# fails: four_processes
# fails: one_shared_lock
# says: main printed 0: your file made no multiprocessing.Value
# says: your file never made a multiprocessing.Value (main's global counter is an ordinary int
import multiprocessing

counter = 0


def work(lock):
    global counter
    for _ in range(1000):
        with lock:
            counter += 1


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    workers = [multiprocessing.Process(target=work, args=(lock,)) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(counter)
