# wrong: the lines are numbered 1 to 5 instead of 0 to 4
# fails: numbering
# says: the numbers were [1, 2, 3, 4, 5]
import threading
import time


def loop():
    name = threading.current_thread().name
    for i in range(1, 6):
        print("子线程 [%s_%d]运行" % (name, i))
        time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [%s] 运行..." % threading.current_thread().name)
    t = threading.Thread(target=loop, name="LoopThread")
    t.start()
    t.join()
    print("线程 [%s] 结束" % threading.current_thread().name)
