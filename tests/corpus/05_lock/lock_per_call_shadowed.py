# wrong: a module-level lock, but change_it makes a new local one on every call and uses that
# fails: one_shared_lock
# fails: balance_zero
# says: 2001 locks were made; of the first 50 (the grader lists no more), 1 at line 9 in <module> and 49 at line 14 in change_it
# says: a new Lock per call protects nothing
import threading

g_balance = 0
lock = threading.Lock()


def change_it(n):
    global g_balance
    lock = threading.Lock()
    with lock:
        g_balance = g_balance + n
        g_balance = g_balance - n


def run_thread(n):
    for i in range(1000):
        change_it(n)


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
