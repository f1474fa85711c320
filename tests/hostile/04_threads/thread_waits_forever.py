# hostile: a thread that waits for ever for an event nobody sets; main joins it
# fails: program_runs
# says: still running after 10 s
# says: thread LoopThread at line 12 in loop: never.wait()   (waiting in wait)
# says: thread MainThread at line 19 in <module>: t.join()   (waiting in join)
import threading

never = threading.Event()


def loop():
    never.wait()


if __name__ == "__main__":
    print("thread %s is running..." % threading.current_thread().name)
    t = threading.Thread(target=loop, name="LoopThread")
    t.start()
    t.join()
