# wrong: each worker makes an Event of its own, so main's set() never reaches them: they run for ever
# fails: program_runs
# says: it was still running after 10 s
# says: thread MainThread at line 27 in <module>: t.join()
# says: 工人 1, 工人 2 and 工人 3 made an Event of their own (at line 13 in worker), while main's set() at line 25 set the Event made at line 9 in <module>
import threading
import time

stop = threading.Event()


def worker(i):
    stop = threading.Event()
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
        t.join()
    print("全部停止")
