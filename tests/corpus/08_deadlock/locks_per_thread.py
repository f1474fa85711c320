# wrong: each thread makes its own two locks in worker, so no lock is shared and nothing is protected
# fails: both_locks_held
# says: did not take the same two
# says: these locks protect nothing
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance


def worker(src, dst, amount):
    src_lock = threading.Lock()
    dst_lock = threading.Lock()
    for i in range(1000):
        with src_lock:
            with dst_lock:
                src.balance -= amount
                dst.balance += amount


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
