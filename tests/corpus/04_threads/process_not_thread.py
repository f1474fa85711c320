# wrong: a multiprocessing.Process named LoopThread instead of a thread
# fails: loop_in_thread
# fails: main_waits
# says: that is a process, not a thread
# says: no thread of the main process ran loop()
import multiprocessing
import threading
import time


def loop():
    name = threading.current_thread().name
    for i in range(5):
        print("子线程 [%s_%d]运行" % (name, i))
        time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [%s] 运行..." % threading.current_thread().name)
    p = multiprocessing.Process(target=loop, name="LoopThread")
    p.start()
    p.join()
    print("线程 [%s] 结束" % threading.current_thread().name)
