# correct: one lock per shared name in a defaultdict(threading.Lock), made on first use
import threading
from collections import defaultdict

g_balance = 0
locks = defaultdict(threading.Lock)


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n):
    for i in range(1000):
        with locks["g_balance"]:
            change_it(n)


def main():
    threads = [threading.Thread(target=run_thread, args=(n,), name="adder-%d" % n)
               for n in (5, 8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("g_balance =", g_balance)


if __name__ == "__main__":
    main()
