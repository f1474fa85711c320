# correct: a Process subclass that keeps the Value and holds get_lock() in run()
import multiprocessing as mp
import sys


class Adder(mp.Process):
    def __init__(self, counter, times):
        super().__init__()
        self.counter = counter
        self.times = times

    def run(self):
        for _ in range(self.times):
            with self.counter.get_lock():
                self.counter.value += 1


if __name__ == "__main__":
    total = mp.Value("i", 0)
    adders = [Adder(total, 1000) for _ in range(4)]
    for a in adders:
        a.start()
    for a in adders:
        a.join()
    sys.stdout.write("%d\n" % total.value)
