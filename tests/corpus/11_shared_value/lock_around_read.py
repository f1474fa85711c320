# wrong: the lock guards only the read; the write happens after it is released
# fails: one_shared_lock
# says: `counter.value = current + 1`) while holding no lock
# says: reading under the lock and writing after it
import multiprocessing


def work(counter):
    for _ in range(1000):
        with counter.get_lock():
            current = counter.value
        counter.value = current + 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=work, args=(counter,)) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(counter.value)
