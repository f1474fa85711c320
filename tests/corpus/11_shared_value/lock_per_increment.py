# wrong: a new multiprocessing.Lock for every single increment
# fails: one_shared_lock
# says: different locks for its writes: a new Lock for every increment
import multiprocessing


def work(counter):
    for _ in range(1000):
        with multiprocessing.Lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=work, args=(counter,)) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(counter.value)
