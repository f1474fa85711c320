# wrong: a fresh lock for each account in every transfer, taken one after the other
# fails: both_locks_held
# says: took at least 
# says: but it never held two of them at once
import threading

balances = {"A": 10000, "B": 10000}


def transfer(src, dst, amount):
    lock_src = threading.Lock()
    lock_dst = threading.Lock()
    lock_src.acquire()
    balances[src] -= amount
    lock_src.release()
    lock_dst.acquire()
    balances[dst] += amount
    lock_dst.release()


def move(src, dst, amount):
    for _ in range(1000):
        transfer(src, dst, amount)


if __name__ == "__main__":
    t1 = threading.Thread(target=move, args=("A", "B", 2))
    t2 = threading.Thread(target=move, args=("B", "A", 1))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print("A:", balances["A"])
    print("B:", balances["B"])
    print("总额:", balances["A"] + balances["B"])
