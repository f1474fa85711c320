# wrong: Value(..., lock=False) "to make it faster", and no lock around the increment
# fails: four_processes
# fails: one_shared_lock
# says: with lock=False
# says: Leave out lock=False
import multiprocessing


def work(counter):
    for _ in range(1000):
        counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0, lock=False)
    workers = [multiprocessing.Process(target=work, args=(counter,)) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(counter.value)
