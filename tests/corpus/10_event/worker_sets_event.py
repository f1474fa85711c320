# wrong: worker 1 sets the event itself after five steps; main only waits
# fails: main_sets_event
# says: the event was set by 工人 1 (line 17), not by main
import threading
import time

stop = threading.Event()


def worker(i):
    steps = 0
    while not stop.is_set():
        print("工人 %d 工作中" % i)
        time.sleep(0.2)
        steps += 1
        if i == 1 and steps == 5:
            stop.set()
    print("工人 %d 收到停止信号" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=worker, args=(i,)) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("全部停止")
