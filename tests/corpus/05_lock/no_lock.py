# wrong: no lock at all
# fails: balance_zero
# fails: one_shared_lock
# says: the two threads' updates interleaved
# says: your file never created a threading.Lock
# says: wrote it 2000 times at line 14 holding no lock
import threading

g_balance = 0


def change_it(n):
    global g_balance
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
