# wrong: no lock at all around counter.value += 1
# fails: one_shared_lock
# fails: count_4000
# says: 4 processes wrote counter.value 4000 times at line
# says: `counter.value += 1`) while holding no lock
# says: wrote counter.value 1000 times at line 12 holding no lock
import multiprocessing


def work(counter):
    for _ in range(1000):
        counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=work, args=(counter,)) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(counter.value)
