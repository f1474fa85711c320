# correct: the lock lives in a dataclass field made by default_factory, one shared instance
import threading
from dataclasses import dataclass, field

g_balance = 0


@dataclass
class Guard:
    lock: threading.Lock = field(default_factory=threading.Lock)


guard = Guard()


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n):
    for i in range(1000):
        with guard.lock:
            change_it(n)


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
