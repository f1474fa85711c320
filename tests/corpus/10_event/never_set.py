# wrong: main never sets the event, so the workers run for ever and join() waits for ever
# fails: program_runs
# says: it was still running after 10 s
# says: (waiting in join)
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
    for t in threads:
        t.join()
    print("全部停止")
