# wrong: one process does all 4000 increments
# fails: four_processes
# says: 1 child process added 1 to the Value: process work (pid
# says: 4000 times
import multiprocessing


def work(counter, times):
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    p = multiprocessing.Process(target=work, args=(counter, 4000))
    p.start()
    p.join()
    print(counter.value)
