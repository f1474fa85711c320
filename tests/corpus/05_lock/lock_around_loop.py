# wrong: the shared lock held around the whole 1000-call loop: the second thread waits until the first has finished
# fails: threads_overlap
# says: the two threads took turns instead of changing the balance at the same time
# says: took it only once
# says: and held it around its whole loop of change_it calls
import threading

g_balance = 0
lock = threading.Lock()


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n):
    with lock:
        for i in range(1000):
            change_it(n)


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
