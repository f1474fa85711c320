# correct: a Thread subclass; the two locks taken in one with-statement, ordered by id(), f-string output
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


class Transfers(threading.Thread):
    def __init__(self, src, dst, amount, times=1000):
        super().__init__(name="%s->%s" % (src.name, dst.name))
        self.src, self.dst, self.amount, self.times = src, dst, amount, times

    def run(self):
        first, second = sorted((self.src, self.dst), key=id)
        for _ in range(self.times):
            with first.lock, second.lock:
                self.src.balance -= self.amount
                self.dst.balance += self.amount


if __name__ == "__main__":
    a, b = Account("A", 10000), Account("B", 10000)
    threads = [Transfers(a, b, 2), Transfers(b, a, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"A: {a.balance}")
    print(f"B: {b.balance}")
    print(f"总额：{a.balance + b.balance}")
