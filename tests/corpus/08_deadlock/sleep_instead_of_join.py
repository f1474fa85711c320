# wrong: main sleeps a second instead of joining the threads, then prints the balances
# fails: sum_conserved
# says: without joining thread
# says: instead main slept 1 s at line 34 (`time.sleep(1)  # the threads are done by then`)
import threading
import time


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
    for args in ((a, b, 2), (b, a, 1)):
        threading.Thread(target=worker, args=args).start()
    time.sleep(1)  # the threads are done by then
    print("A:", a.balance)
    print("B:", b.balance)
    print("总额:", a.balance + b.balance)
