# wrong: calls each Process's run() instead of start(): all the counting happens in main
# fails: four_processes
# says: all 4000 increments were made in the main process
# says: called the Process's run() at line
import multiprocessing


def work(counter):
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=work, args=(counter,)) for _ in range(4)]
    for p in workers:
        p.run()
    print(counter.value)
