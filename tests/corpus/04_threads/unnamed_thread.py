# wrong: the thread is not named, so Python calls it Thread-1 (loop)
# fails: loop_in_thread
# says: name='LoopThread'
# says: 'Thread-1
import threading
import time


def loop():
    name = threading.current_thread().name
    for i in range(5):
        print("子线程 [%s_%d]运行" % (name, i))
        time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [%s] 运行..." % threading.current_thread().name)
    t = threading.Thread(target=loop)
    t.start()
    t.join()
    print("线程 [%s] 结束" % threading.current_thread().name)
