# wrong: acquire with a short timeout, and `continue` when it times out: those calls never happen
# fails: no_call_skipped
# says: acquire() at line 20 (`if not balance_lock.acquire(timeout=0.0001):`)
# says: skipped
import threading

g_balance = 0
balance_lock = threading.Lock()


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n):
    done = 0
    for i in range(1000):
        if not balance_lock.acquire(timeout=0.0001):
            continue  # busy: try the next one
        change_it(n)
        balance_lock.release()
        done += 1


if __name__ == "__main__":
    threads = [threading.Thread(target=run_thread, args=(n,)) for n in (5, 8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(g_balance)
