# wrong: main sets the event right after starting the workers, without sleeping 1 s first
# fails: main_sets_event
# says: s after starting the workers; it did not sleep in between: the exercise asks for 1 s
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
    stop.set()
    for t in threads:
        t.join()
    print("全部停止")
