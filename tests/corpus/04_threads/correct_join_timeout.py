# correct: join(timeout=10), longer than all of LoopThread's sleeps
import threading
import time


def loop():
    name = threading.current_thread().name
    for i in range(5):
        print("子线程 [%s_%d]运行" % (name, i))
        time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [%s] 运行..." % threading.current_thread().name)
    t = threading.Thread(target=loop, name="LoopThread")
    t.start()
    t.join(timeout=10)
    print("线程 [%s] 结束" % threading.current_thread().name)
