# 08 - Transfer money between two locked accounts without a deadlock / 在两个加锁的账户之间转账而不死锁
# Read README.md in this folder, then make transfer() take the two locks in one order.
# 阅读本文件夹中的 README.md，然后让 transfer() 按同一个顺序获取两把锁。
import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    # TODO: this deadlocks. The thread moving A -> B takes A's lock and waits
    # for B's; the thread moving B -> A takes B's lock and waits for A's.
    # Take the two locks in the same order in every transfer (for example by
    # account name), and keep holding both while the money moves.
    # TODO: 这样会死锁。从 A 转到 B 的线程拿着 A 的锁等 B 的锁；从 B 转到 A
    # 的线程拿着 B 的锁等 A 的锁。每次转账都按同一个顺序获取两把锁（例如按
    # 账户名），并且在转钱时一直同时持有两把锁。
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
    t1 = threading.Thread(target=worker, args=(a, b, 2))  # A -> B, 2 each time
    t2 = threading.Thread(target=worker, args=(b, a, 1))  # B -> A, 1 each time
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print("A:", a.balance)
    print("B:", b.balance)
    print("总额:", a.balance + b.balance)
