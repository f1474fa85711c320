# wrong: main prints its first line only after starting LoopThread (the order is a race)
# fails: main_lines
# says: main printed it only after LoopThread had started
# says: is a race
import threading
import time


def loop():
    name = threading.current_thread().name
    for i in range(5):
        print("子线程 [%s_%d]运行" % (name, i))
        time.sleep(0.5)


if __name__ == "__main__":
    t = threading.Thread(target=loop, name="LoopThread")
    t.start()
    print("线程 [%s] 运行..." % threading.current_thread().name)
    t.join()
    print("线程 [%s] 结束" % threading.current_thread().name)
