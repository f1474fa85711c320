# wrong: each thread makes its own lock, and the second starts its loop late, so a run usually ends at 0 (on a loaded machine the first loop may still be running, and the two interleave)
# fails: balance_zero
# fails: one_shared_lock
# says: g_balance ended as
# says: no lock was held by both threads when they wrote it
import threading
import time

g_balance = 0


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n, delay):
    lock = threading.Lock()
    time.sleep(delay)
    for i in range(1000):
        with lock:
            change_it(n)


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5, 0))
    t2 = threading.Thread(target=run_thread, args=(8, 3))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
