# wrong: a dict of Events, one per worker, and main sets only the first worker's: the other two run for ever
# fails: program_runs
# says: Your file made 3 Events (at line 8
# says: a worker that watches an Event nobody sets runs for ever
import threading
import time

stops = {i: threading.Event() for i in (1, 2, 3)}


def worker(i):
    while not stops[i].wait(0.2):
        print("工人 %d 工作中" % i)
    print("工人 %d 收到停止信号" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=worker, args=(i,)) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    time.sleep(1)
    stops[1].set()
    for t in threads:
        t.join()
    print("全部停止")
