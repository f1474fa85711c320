# wrong: main joins only the first thread, then prints (the second may still be running)
# fails: prints_final_balance
# says: without joining Thread-2
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
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    print(g_balance)
