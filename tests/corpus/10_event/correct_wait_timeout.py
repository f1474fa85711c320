# correct: the step is stop.wait(0.2), which also wakes at once when the event is set
import threading

stop = threading.Event()


def worker(i):
    while not stop.wait(0.2):
        print("工人 %d 工作中" % i)
    print("工人 %d 收到停止信号" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=worker, args=(i,)) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    stop.wait(1)
    stop.set()
    for t in threads:
        t.join()
    print("全部停止")
