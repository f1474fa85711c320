# wrong: a module-level multiprocessing.Lock the workers use without it being passed in
# fails: one_shared_lock
# says: each process held a lock of its own
# says: each child imports your file again
# Under spawn and forkserver each child imports the file again and makes a lock of its own
import multiprocessing

lock = multiprocessing.Lock()


def work(counter):
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
