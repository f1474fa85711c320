# hostile: a thread takes the lock, then waits for an event nobody sets; the other thread waits for the lock
# fails: program_runs
# says: still running after 10 s
# says: Locks still awaited
# says: thread second in the main process (pid
# says: waits at line 21 for lock #1 (made at line 9), held by thread first (taken at line 15)
import threading

a_lock = threading.Lock()
never = threading.Event()
balance = {"A": 10000, "B": 10000}


def first():
    with a_lock:
        never.wait()  # nobody sets it
        balance["A"] -= 2


def second():
    with a_lock:
        balance["B"] -= 1


if __name__ == "__main__":
    t1 = threading.Thread(target=first, name="first")
    t2 = threading.Thread(target=second, name="second")
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print("A:", balance["A"])
