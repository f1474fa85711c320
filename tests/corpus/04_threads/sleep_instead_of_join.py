# wrong: main sleeps 3 s instead of joining (longer than the thread runs, so the order looks right)
# fails: main_waits
# says: main never called join() on LoopThread before printing `线程 [MainThread] 结束`
# says: instead main slept 3 s (`time.sleep(3)` at line 20)
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
    time.sleep(3)
    print("线程 [%s] 结束" % threading.current_thread().name)
