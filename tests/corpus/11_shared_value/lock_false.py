# wrong: Value(..., lock=False) has no get_lock(): every worker crashes
# fails: program_runs
# says: raised AttributeError
# says: has no attribute 'get_lock'
# says: leave lock=False out
import multiprocessing


def work(counter):
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0, lock=False)
    workers = [multiprocessing.Process(target=work, args=(counter,)) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(counter.value)
