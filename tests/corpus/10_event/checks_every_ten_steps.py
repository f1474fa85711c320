# wrong: the worker looks at the event only once every 10 steps, so it stops about 1 s late
# fails: stops_within_a_step
# says: it does not look at the event before every step
import threading
import time

stop = threading.Event()


def worker(i):
    while not stop.is_set():
        for _ in range(10):
            print("工人 %d 工作中" % i)
            time.sleep(0.2)
    print("工人 %d 收到停止信号" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=worker, args=(i,)) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    time.sleep(1)
    stop.set()
    for t in threads:
        t.join()
    print("全部停止")
