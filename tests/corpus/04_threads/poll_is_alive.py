# wrong: main polls is_alive() with short sleeps instead of join()
# fails: main_waits
# says: main never called join() on LoopThread before printing `线程 [MainThread] 结束`
# says: your file checks is_alive() at line 20 (`while worker.is_alive():`)
import threading
import time


def loop():
    name = threading.current_thread().name
    for i in range(5):
        print("子线程 [%s_%d]运行" % (name, i))
        time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [%s] 运行..." % threading.current_thread().name)
    worker = threading.Thread(target=loop, name="LoopThread")
    worker.start()
    while worker.is_alive():
        time.sleep(0.05)
    print("线程 [%s] 结束" % threading.current_thread().name)
