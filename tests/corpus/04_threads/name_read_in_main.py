# wrong: the name is read once in the main thread, so LoopThread prints MainThread
# fails: loop_in_thread
# says: thread LoopThread printed the name 'MainThread'
# says: threading.current_thread().name
import threading
import time

name = threading.current_thread().name


def loop():
    for i in range(5):
        print("子线程 [%s_%d]运行" % (name, i))
        time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [%s] 运行..." % name)
    t = threading.Thread(target=loop, name="LoopThread")
    t.start()
    t.join()
    print("线程 [%s] 结束" % name)
