# wrong: a non-blocking acquire: when the other thread holds the lock, the call is simply skipped
# fails: no_call_skipped
# says: acquire() at line 19 (`if lock.acquire(blocking=False):`)
# says: skipped
import threading

g_balance = 0
lock = threading.Lock()


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n):
    for i in range(1000):
        if lock.acquire(blocking=False):
            try:
                change_it(n)
            finally:
                lock.release()


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
