# correct: main sleeps its second in five steps of 0.2 s, then sets the one shared Event; workers get it as an argument
import threading
import time


def worker(i, stop):
    while not stop.is_set():
        print("工人 %d 工作中" % i)
        time.sleep(0.2)
    print("工人 %d 收到停止信号" % i)


if __name__ == "__main__":
    stop = threading.Event()
    threads = [threading.Thread(target=worker, args=(i, stop), name="工人-%d" % i)
               for i in (1, 2, 3)]
    for t in threads:
        t.start()
    for _ in range(5):
        time.sleep(0.2)
    stop.set()
    for t in threads:
        t.join()
    print("全部停止")
