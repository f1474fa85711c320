# wrong: main sets the event before it starts the workers, so they stop at once
# fails: main_sets_event
# fails: works_in_steps
# says: main set the event (line 20) at
# says: before the worker had even started, so it stopped at once
import threading
import time

stop = threading.Event()


def worker(i):
    while not stop.is_set():
        print("工人 %d 工作中" % i)
        time.sleep(0.2)
    print("工人 %d 收到停止信号" % i)


if __name__ == "__main__":
    stop.set()
    threads = [threading.Thread(target=worker, args=(i,)) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    time.sleep(1)
    for t in threads:
        t.join()
    print("全部停止")
