# wrong: each thread prints the balance when it is done; main prints nothing
# fails: prints_final_balance
# says: main printed no number (the main process (pid
# says: thread Thread-
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
    print(g_balance)


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
