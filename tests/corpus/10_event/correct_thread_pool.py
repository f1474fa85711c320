# correct: a ThreadPoolExecutor of three threads runs the workers; leaving the with-block joins them
import threading
import time
from concurrent.futures import ThreadPoolExecutor

stop = threading.Event()


def worker(i):
    while not stop.is_set():
        print("工人 %d 工作中" % i)
        time.sleep(0.2)
    print("工人 %d 收到停止信号" % i)


if __name__ == "__main__":
    with ThreadPoolExecutor(max_workers=3) as pool:
        for i in (1, 2, 3):
            pool.submit(worker, i)
        time.sleep(1)
        stop.set()
    print("全部停止")
