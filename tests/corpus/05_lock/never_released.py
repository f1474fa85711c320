# wrong: lock.acquire() without release(): the second acquire waits forever
# fails: program_runs
# says: a thread deadlocked on its own lock
# says: waits at line 20 for lock #1 (made at line 9), which it took itself at line 20 and never released
# says: `with lock:` does that
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
