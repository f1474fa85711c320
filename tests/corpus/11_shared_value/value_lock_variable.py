# wrong: one Lock made in main is given to the Value (lock=lock) and also held around counter.value
# fails: program_runs
# says: inside the block of line 11 (`with lock:`), which already held that lock
# says: (`counter = Value("i", 0, lock=lock)`) was given its lock with lock=
# says: Leave out lock=
from multiprocessing import Lock, Process, Value


def work(counter, lock):
    for _ in range(1000):
        with lock:
            counter.value = counter.value + 1


def main():
    lock = Lock()
    counter = Value("i", 0, lock=lock)
    processes = [Process(target=work, args=(counter, lock)) for _ in range(4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    print(counter.value)


if __name__ == "__main__":
    main()
