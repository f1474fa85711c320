# wrong: lock.acquire() without release(): the second acquire waits forever
# fails: program_runs
# says: it was still running after
# says: Where each thread was
# says: in run_thread: lock.acquire()
# says: never released
import threading

g_balance = 0
lock = threading.Lock()


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n):
    for i in range(1000):
        lock.acquire()
        change_it(n)


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
