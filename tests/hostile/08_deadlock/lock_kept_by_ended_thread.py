# hostile: one thread takes a lock and ends without releasing it; the other waits for it for ever
# fails: program_runs
# says: a thread waits for a lock that a thread which has ended never released
# says: thread second waits at line 22 for lock #1 (made at line 7), which thread first took at line 17 and still held when it ended
import threading

a_lock = threading.Lock()
balance = {"A": 10000, "B": 10000}


def transfer(src, dst, amount):
    balance[src] -= amount
    balance[dst] += amount


def first():
    a_lock.acquire()  # taken, and never released
    transfer("A", "B", 2)


def second():
    with a_lock:
        transfer("B", "A", 1)


if __name__ == "__main__":
    t1 = threading.Thread(target=first, name="first")
    t1.start()
    t1.join()
    t2 = threading.Thread(target=second, name="second")
    t2.start()
    t2.join()
    print("A:", balance["A"])
