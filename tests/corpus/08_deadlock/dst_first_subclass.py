# wrong: a Thread subclass that takes the destination's lock first: the two directions still take opposite orders
# fails: one_lock_order
# says: deadlock
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


class Mover(threading.Thread):
    def __init__(self, src, dst, amount):
        super().__init__(name="%s->%s" % (src.name, dst.name))
        self.src, self.dst, self.amount = src, dst, amount

    def run(self):
        for _ in range(1000):
            with self.dst.lock:  # the money goes there first, so lock it first
                with self.src.lock:
                    self.src.balance -= self.amount
                    self.dst.balance += self.amount


if __name__ == "__main__":
    a, b = Account("A", 10000), Account("B", 10000)
    movers = [Mover(a, b, 2), Mover(b, a, 1)]
    for m in movers:
        m.start()
    for m in movers:
        m.join()
    print("A:", a.balance)
    print("B:", b.balance)
    print("总额:", a.balance + b.balance)
