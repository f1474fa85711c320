# wrong: main sleeps instead of joining the threads (long enough on an idle machine, a guess under load)
# fails: prints_final_balance
# says: without joining Thread-1
# says: instead main slept 1 s (`time.sleep(1)  # should be enough` at line 29)
import threading
import time

g_balance = 0
lock = threading.Lock()


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n):
    for i in range(1000):
        with lock:
            change_it(n)


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    time.sleep(1)  # should be enough
    print(g_balance)
