# wrong: transfer makes two new locks on every call, so no lock is ever shared
# fails: both_locks_held
# says: took at least 
# says: made at line 17 in transfer)
# says: these locks protect nothing
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance


def transfer(src, dst, amount):
    first, second = sorted((src, dst), key=lambda acc: acc.name)
    first_lock, second_lock = threading.Lock(), threading.Lock()
    with first_lock:
        with second_lock:
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
