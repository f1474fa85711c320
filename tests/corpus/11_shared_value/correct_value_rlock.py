# correct: the Value is given an explicit lock=multiprocessing.RLock(), held with get_lock()
import multiprocessing


def work(counter):
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0, lock=multiprocessing.RLock())
    workers = [multiprocessing.Process(target=work, args=(counter,)) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(counter.value)
