# wrong: the lock order is chosen by comparing the balances, so it changes as the money moves
# fails: one_lock_order
# says: deadlock
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    if src.balance < dst.balance:
        first, second = src, dst
    else:
        first, second = dst, src
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
