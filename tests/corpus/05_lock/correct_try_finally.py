# correct: acquire(), then try/finally release()
import threading

g_balance = 0
balance_lock = threading.Lock()


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n):
    for _ in range(1000):
        balance_lock.acquire()
        try:
            change_it(n)
        finally:
            balance_lock.release()


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
