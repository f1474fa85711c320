# wrong: loop() called directly, no thread at all
# fails: loop_in_thread
# fails: main_waits
# says: loop() ran in the MainThread
# says: no thread was ever started, loop() was called directly
import threading
import time


def loop():
    name = threading.current_thread().name
    for i in range(5):
        print("子线程 [%s_%d]运行" % (name, i))
        time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [%s] 运行..." % threading.current_thread().name)
    loop()
    print("线程 [%s] 结束" % threading.current_thread().name)
