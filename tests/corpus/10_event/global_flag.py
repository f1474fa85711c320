# wrong: the workers watch a plain global bool instead of a threading.Event
# fails: main_sets_event
# fails: stops_within_a_step
# says: main never called set() on a threading.Event; your file has the plain global variable `running`
import threading
import time

running = True


def worker(i):
    while running:
        print("工人 %d 工作中" % i)
        time.sleep(0.2)
    print("工人 %d 收到停止信号" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=worker, args=(i,)) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    time.sleep(1)
    running = False
    for t in threads:
        t.join()
    print("全部停止")
