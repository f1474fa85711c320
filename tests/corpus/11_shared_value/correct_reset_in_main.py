# correct: main sets the counter to 0 itself before starting the workers; workers in a list comprehension
import multiprocessing


def work(counter):
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", -1)
    counter.value = 0
    workers = [multiprocessing.Process(target=work, args=(counter,), name="worker-%d" % i)
               for i in range(4)]
    [p.start() for p in workers]
    [p.join() for p in workers]
    print("counter =", counter.value)
