# correct: named worker threads started in a loop, balance printed with a label
import threading

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


def main():
    workers = []
    for n in (5, 8):
        t = threading.Thread(target=run_thread, args=(n,), name="worker-%d" % n)
        workers.append(t)
        t.start()
    for t in workers:
        t.join()
    print("final balance:", g_balance)


if __name__ == "__main__":
    main()
