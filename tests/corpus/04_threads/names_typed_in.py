# wrong: the thread really is LoopThread, but both names are typed into the text
# fails: main_lines
# fails: loop_in_thread
# says: the name MainThread is typed into the text at line 17 (`print("线程 [MainThread] 运行...")`)
# says: the name LoopThread is typed into the text at line 12 (`print(f"子线程 [LoopThread_{i}]运行")`)
import threading
import time


def loop():
    for i in range(5):
        print(f"子线程 [LoopThread_{i}]运行")
        time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [MainThread] 运行...")
    t = threading.Thread(target=loop, name="LoopThread")
    t.start()
    t.join()
    print("线程 [MainThread] 结束")
