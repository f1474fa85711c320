# wrong: LoopThread typed into the text while the thread itself has another name
# fails: loop_in_thread
# says: the line says 'LoopThread'
# says: 'Thread-1
import threading
import time


def loop():
    for i in range(5):
        print("子线程 [LoopThread_%d]运行" % i)
        time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [MainThread] 运行...")
    t = threading.Thread(target=loop)
    t.start()
    t.join()
    print("线程 [MainThread] 结束")
