# correct: the name set through the name attribute before start(), printed with format()
import threading
import time


def loop():
    for i in range(5):
        print("子线程 [{}_{}]运行".format(threading.current_thread().name, i))
        time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [{}] 运行...".format(threading.current_thread().name))
    t = threading.Thread(target=loop)
    t.name = "LoopThread"
    t.start()
    t.join()
    print("线程 [{}] 结束".format(threading.current_thread().name))
