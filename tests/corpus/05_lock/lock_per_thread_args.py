# wrong: main hands each thread a fresh Lock as its argument
# fails: balance_zero
# fails: one_shared_lock
# says: each thread used a lock of its own
# says: a lock only keeps out threads that use the same lock
import threading

g_balance = 0


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n, lock):
    for i in range(1000):
        with lock:
            change_it(n)


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5, threading.Lock()))
    t2 = threading.Thread(target=run_thread, args=(8, threading.Lock()))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
