# wrong: each worker takes both locks (in a fixed order) around its whole loop, so the threads take turns
# fails: threads_overlap
# says: the two threads took turns, one after the other, instead of transferring at the same time
# says: only once, and held them around its whole loop of transfers
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


def worker(src, dst, amount):
    first, second = sorted((src, dst), key=lambda acc: acc.name)
    with first.lock, second.lock:
        for i in range(1000):
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
