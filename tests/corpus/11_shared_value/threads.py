# wrong: four threads instead of four processes
# fails: four_processes
# says: all 4000 increments were made in the main process
# says: by 4 threads of the main process
import multiprocessing
import threading


def work(counter):
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    workers = [threading.Thread(target=work, args=(counter,)) for _ in range(4)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    print(counter.value)
