# wrong: main's two lines are printed by LoopThread (with MainThread typed in)
# fails: main_lines
# says: it was printed by the main process (pid
# says: thread LoopThread
import threading
import time


def loop():
    print("线程 [MainThread] 运行...")
    name = threading.current_thread().name
    for i in range(5):
        print("子线程 [%s_%d]运行" % (name, i))
        time.sleep(0.5)
    print("线程 [MainThread] 结束")


if __name__ == "__main__":
    t = threading.Thread(target=loop, name="LoopThread")
    t.start()
    t.join()
