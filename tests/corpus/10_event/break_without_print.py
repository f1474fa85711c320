# wrong: the workers leave the loop with break but never say that they got the signal
# fails: stops_within_a_step
# says: never printed `工人 i 收到停止信号`: it returned without saying so
import threading
import time

stop = threading.Event()


def worker(i):
    while True:
        if stop.is_set():
            break
        print("工人 %d 工作中" % i)
        time.sleep(0.2)


if __name__ == "__main__":
    threads = [threading.Thread(target=worker, args=(i,)) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    time.sleep(1)
    stop.set()
    for t in threads:
        t.join()
    print("全部停止")
