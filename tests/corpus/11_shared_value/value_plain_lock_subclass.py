# wrong: a Process subclass; the Value got lock=mp.Lock(), and reading .value under get_lock() waits for itself
# fails: program_runs
# says: inside the block of line 15 (`with self.counter.get_lock():`), which already held that lock
# says: was given its lock with lock=
import multiprocessing as mp


class Adder(mp.Process):
    def __init__(self, counter):
        super().__init__()
        self.counter = counter

    def run(self):
        for _ in range(1000):
            with self.counter.get_lock():
                now = self.counter.value
                self.counter.value = now + 1


if __name__ == "__main__":
    counter = mp.Value("i", 0, lock=mp.Lock())
    adders = [Adder(counter) for _ in range(4)]
    for a in adders:
        a.start()
    for a in adders:
        a.join()
    print(counter.value)
