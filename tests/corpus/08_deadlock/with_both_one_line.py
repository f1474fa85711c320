# wrong: `with self.lock, other.lock:` in a method looks like one step, but it takes the source's lock first
# fails: one_lock_order
# says: deadlock
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()

    def send(self, other, amount):
        with self.lock, other.lock:
            self.balance -= amount
            other.balance += amount


def worker(src, dst, amount):
    for _ in range(1000):
        src.send(dst, amount)


if __name__ == "__main__":
    a = Account("A", 10000)
    b = Account("B", 10000)
    threads = [threading.Thread(target=worker, args=(a, b, 2)),
               threading.Thread(target=worker, args=(b, a, 1))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("A:", a.balance)
    print("B:", b.balance)
    print("总额:", a.balance + b.balance)
