# wrong: join with a short timeout, which may give up before the thread has ended
# fails: prints_final_balance
# says: main called join(timeout=0.05) on Thread-1
# says: at line 29 (`t.join(timeout=0.05)`)
# says: a join with a timeout may give up before the thread has ended
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


if __name__ == "__main__":
    threads = [threading.Thread(target=run_thread, args=(n,)) for n in (5, 8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=0.05)
    print(g_balance)
