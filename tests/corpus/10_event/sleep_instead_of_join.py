# wrong: after setting the event main sleeps a little instead of joining the workers
# fails: main_last_line
# says: main printed `全部停止` without joining 工人
# says: instead main slept 0.5 s after setting the event (`time.sleep(0.5)  # they stop within one step` at line 23)
import threading
import time

stop = threading.Event()


def worker(i):
    while not stop.is_set():
        print("工人 %d 工作中" % i)
        time.sleep(0.2)
    print("工人 %d 收到停止信号" % i)


if __name__ == "__main__":
    for i in (1, 2, 3):
        threading.Thread(target=worker, args=(i,)).start()
    time.sleep(1)
    stop.set()
    time.sleep(0.5)  # they stop within one step
    print("全部停止")
