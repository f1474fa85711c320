# wrong: no join(): main prints its last line while LoopThread is still running
# fails: main_waits
# says: main printed it while LoopThread was still running
# says: t.join()
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
    print("线程 [%s] 结束" % threading.current_thread().name)
