# wrong: the destination is credited after both locks are released
# fails: both_locks_held
# says: holding neither of the accounts' locks
# says: dst.balance += amount
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    first, second = sorted((src, dst), key=lambda acc: acc.name)
    with first.lock:
        with second.lock:
            src.balance -= amount
    dst.balance += amount


def worker(src, dst, amount):
    for i in range(1000):
        transfer(src, dst, amount)


if __name__ == "__main__":
    a = Account("A", 10000)
    b = Account("B", 10000)
    t1 = threading.Thread(target=worker, args=(a, b, 2))
    t2 = threading.Thread(target=worker, args=(b, a, 1))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print("A:", a.balance)
    print("B:", b.balance)
    print("总额:", a.balance + b.balance)
