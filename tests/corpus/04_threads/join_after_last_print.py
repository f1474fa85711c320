# wrong: the join comes after main's last print
# fails: main_waits
# says: main never called join() on LoopThread before printing `线程 [MainThread] 结束`
# says: (main called join() only after that line, at line 20: `t.join()`)
from threading import Thread, current_thread
import time


def loop():
    for i in range(5):
        print(f"子线程 [{current_thread().name}_{i}]运行")
        time.sleep(0.5)


def main():
    print(f"线程 [{current_thread().name}] 运行...")
    t = Thread(target=loop, name="LoopThread")
    t.start()
    print(f"线程 [{current_thread().name}] 结束")
    t.join()


if __name__ == "__main__":
    main()
