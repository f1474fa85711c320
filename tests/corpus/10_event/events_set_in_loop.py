# wrong: each worker gets an Event of its own, and main sets all three in a loop instead of one shared Event
# fails: one_shared_event
# says: each watched an Event of its own (3 different Events, made at line 17
# says: Main set 3 Events (at line 23), one set() per worker instead of one for all
import threading
import time


def worker(i, stop):
    while not stop.is_set():
        print("工人 %d 工作中" % i)
        time.sleep(0.2)
    print("工人 %d 收到停止信号" % i)


if __name__ == "__main__":
    stops = [threading.Event() for _ in range(3)]
    threads = [threading.Thread(target=worker, args=(i, stops[i - 1])) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    time.sleep(1)
    for stop in stops:
        stop.set()
    for t in threads:
        t.join()
    print("全部停止")
