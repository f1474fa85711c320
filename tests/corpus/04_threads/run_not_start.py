# wrong: t.run() instead of t.start(): loop() runs in the main thread
# fails: loop_in_thread
# fails: main_waits
# says: loop() ran in the MainThread
# says: main called t.run() at line 21 instead of t.start()
# says: no thread of the main process ran loop()
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
    t.run()
    print("线程 [%s] 结束" % threading.current_thread().name)
