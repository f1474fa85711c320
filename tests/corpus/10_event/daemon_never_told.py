# wrong: daemon workers that are never told to stop: they die when main ends
# fails: three_workers
# fails: main_sets_event
# fails: stops_within_a_step
# fails: main_last_line
# says: was started as a daemon thread (line 22)
# says: main never called set() on a threading.Event
# says: was still running then (it never ended: it was killed with the program)
import threading
import time


def worker(i):
    while True:
        print("工人 %d 工作中" % i)
        time.sleep(0.2)


if __name__ == "__main__":
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    time.sleep(1)
    print("全部停止")
