# wrong: each step sleeps 0.05 s instead of 0.2 s, so the workers print four times as often
# fails: works_in_steps
# says: slept only
# says: (`time.sleep(0.05)` at line 14): about 0.05 s per step, not 0.2 s
import threading
import time

stop = threading.Event()


def worker(i):
    while not stop.is_set():
        print("工人 %d 工作中" % i)
        time.sleep(0.05)
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
