# wrong: a new Lock created in run_thread's loop, once per iteration
# fails: balance_zero
# fails: one_shared_lock
# says: a new Lock per call protects nothing
# says: in run_thread
import threading

g_balance = 0


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n):
    for i in range(1000):
        lock = threading.Lock()
        lock.acquire()
        change_it(n)
        lock.release()


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
