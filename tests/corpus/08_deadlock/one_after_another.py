# wrong: opposite lock orders, "fixed" by running the threads one after another
# fails: one_lock_order
# fails: threads_overlap
# says: took the same two locks the other way round
# says: This run happened to finish, but the next one may hang
# says: started only after
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    with src.lock:
        with dst.lock:
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
    t1.join()   # no deadlock any more...
    t2.start()
    t2.join()
    print("A:", a.balance)
    print("B:", b.balance)
    print("总额:", a.balance + b.balance)
