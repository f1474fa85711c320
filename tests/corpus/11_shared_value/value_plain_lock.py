# wrong: Value made with lock=multiprocessing.Lock(): counter.value inside `with counter.get_lock():` waits for itself
# fails: program_runs
# says: waited for ever at line 12 (`counter.value += 1`), inside the block of line 11 (`with counter.get_lock():`), which already held that lock
# says: The Value made at line 16 in <module> (`counter = multiprocessing.Value("i", 0, lock=multiprocessing.Lock())`) was given its lock with lock=
# says: a plain multiprocessing.Lock cannot be taken twice
import multiprocessing


def work(counter):
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0, lock=multiprocessing.Lock())
    workers = [multiprocessing.Process(target=work, args=(counter,)) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(counter.value)
