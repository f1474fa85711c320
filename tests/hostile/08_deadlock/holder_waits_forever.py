# hostile: a thread takes the lock, then waits for an event nobody sets; the other thread, started once the first holds the lock, waits for the lock
# fails: program_runs
# says: still running after 10 s
# says: Locks still awaited
# says: thread second in the main process (pid
# says: waits at line 23 for lock #1 (made at line 9), held by thread first (taken at line 16)
import threading

a_lock = threading.Lock()
never = threading.Event()
holding = threading.Event()
balance = {"A": 10000, "B": 10000}


def first():
    with a_lock:
        holding.set()
        never.wait()  # nobody sets it
        balance["A"] -= 2


def second():
    with a_lock:
        balance["B"] -= 1


if __name__ == "__main__":
    t1 = threading.Thread(target=first, name="first")
    t2 = threading.Thread(target=second, name="second")
    t1.start()
    holding.wait()
    t2.start()
    t1.join()
    t2.join()
    print("A:", balance["A"])
