# wrong: main joins each worker with a timeout far shorter than a step, so the join can give up first
# fails: main_last_line
# says: main called join(timeout=0.05) (line 25)
# says: (two 0.2 s steps after the event was set) to stop
import threading
import time

stop = threading.Event()


def worker(i):
    while not stop.is_set():
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
        t.join(timeout=0.05)
    print("全部停止")
