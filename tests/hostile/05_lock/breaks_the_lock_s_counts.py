# hostile: overwrites what the grader keeps in its lock, so the grader's own recording fails
# fails: program_runs
# says: the grader's own recording failed in the main process
# says: while thread
# says: nothing of this run can be judged
import threading

balance = 0
lock = threading.Lock()


def change_it(n):
    global balance
    for i in range(1000):
        with lock:
            balance = balance + n
            balance = balance - n
    for name in dir(lock):
        if not name.startswith("__"):
            try:
                setattr(lock, name, None)
            except (AttributeError, TypeError):
                pass


if __name__ == "__main__":
    t1 = threading.Thread(target=change_it, args=(5,))
    t2 = threading.Thread(target=change_it, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(balance)
