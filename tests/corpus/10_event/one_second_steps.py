# wrong: each step sleeps 1 s instead of 0.2 s, so a worker notices the stop signal up to 1 s late
# fails: works_in_steps
# says: before the event was set
# says: a long step means it notices the stop signal late
import threading
import time

stop = threading.Event()


def worker(i):
    while not stop.is_set():
        print("工人 %d 工作中" % i)
        time.sleep(1)
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
