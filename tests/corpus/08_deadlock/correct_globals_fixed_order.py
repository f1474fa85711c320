# correct: balances in a dict and module-level locks; acquire()/release() always in the order A, then B
from threading import Lock, Thread

balances = {"A": 10000, "B": 10000}
locks = {"A": Lock(), "B": Lock()}
ORDER = ["A", "B"]


def transfer(src, dst, amount):
    first, second = [name for name in ORDER if name in (src, dst)]
    locks[first].acquire()
    locks[second].acquire()
    try:
        balances[src] -= amount
        balances[dst] += amount
    finally:
        locks[second].release()
        locks[first].release()


def worker(src, dst, amount):
    for _ in range(1000):
        transfer(src, dst, amount)


def main():
    workers = [Thread(target=worker, args=("A", "B", 2)), Thread(target=worker, args=("B", "A", 1))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("A:", balances["A"])
    print("B:", balances["B"])
    print("总额:", sum(balances.values()))


if __name__ == "__main__":
    main()
