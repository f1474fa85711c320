# wrong: a Thread subclass that acquires the lock before its loop and releases it after: the threads take turns
# fails: threads_overlap
# says: the two threads took turns instead of changing the balance at the same time
# says: took it only once
# says: and held it around its whole loop of change_it calls
import threading

g_balance = 0


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


class Adder(threading.Thread):
    def __init__(self, n, lock):
        super().__init__()
        self.n, self.lock = n, lock

    def run(self):
        self.lock.acquire()
        try:
            for _ in range(1000):
                change_it(self.n)
        finally:
            self.lock.release()


if __name__ == "__main__":
    lock = threading.Lock()
    adders = [Adder(5, lock), Adder(8, lock)]
    for a in adders:
        a.start()
    for a in adders:
        a.join()
    print(g_balance)
