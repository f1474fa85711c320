# correct: a Thread subclass named via super().__init__, run() overridden
import threading
import time


class LoopThread(threading.Thread):
    def __init__(self):
        super().__init__(name="LoopThread")

    def run(self):
        name = threading.current_thread().name
        for i in range(5):
            print("子线程 [%s_%d]运行" % (name, i))
            time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [%s] 运行..." % threading.current_thread().name)
    t = LoopThread()
    t.start()
    t.join()
    print("线程 [%s] 结束" % threading.current_thread().name)
