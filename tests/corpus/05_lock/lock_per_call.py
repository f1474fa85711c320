# wrong: a new Lock created inside change_it on every call
# fails: balance_zero
# fails: one_shared_lock
# says: 2000 locks were made, the first 50 (the grader lists no more) all at line 14 in change_it
# says: a new Lock per call protects nothing
# says: no lock was held by both threads when they wrote it
import threading

g_balance = 0


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
