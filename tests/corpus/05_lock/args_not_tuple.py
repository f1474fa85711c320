# wrong: args=(5) is just 5, not a tuple: the threads crash
# fails: program_runs
# says: raised TypeError
# says: must be an iterable, not int
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
    t1 = threading.Thread(target=run_thread, args=(5))
    t2 = threading.Thread(target=run_thread, args=(8))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
