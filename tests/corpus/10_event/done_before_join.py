# wrong: main prints 全部停止 right after setting the event, before joining the workers
# fails: main_last_line
# says: main printed `全部停止` without joining 工人 1 first (it joined it only afterwards, at line 2
# says: Join every worker
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
    print("全部停止")
    for t in threads:
        t.join()
