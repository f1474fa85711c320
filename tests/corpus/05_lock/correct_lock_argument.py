# correct: one Lock made in main and passed to both threads as an argument
from threading import Lock, Thread

g_balance = 0


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n, lock):
    for i in range(1000):
        with lock:
            change_it(n)


if __name__ == "__main__":
    lock = Lock()
    threads = [Thread(target=run_thread, args=(n, lock)) for n in (5, 8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(g_balance)
