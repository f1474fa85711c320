# wrong: each thread creates its own Lock at the start of run_thread
# fails: balance_zero
# fails: one_shared_lock
# says: each thread used a lock of its own
# says: in run_thread
# says: no lock was held by both threads when they wrote it
import threading

g_balance = 0


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n):
    lock = threading.Lock()
    for i in range(1000):
        with lock:
            change_it(n)


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
