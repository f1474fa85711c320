# wrong: each process is joined right after it is started, so the four count one after the other
# fails: at_the_same_time
# says: before it started
# says: one after the other
import multiprocessing


def work(counter):
    for i in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    for i in range(4):
        p = multiprocessing.Process(target=work, args=(counter,))
        p.start()
        p.join()
    print(counter.value)
