# wrong: main waits on the event for only 0.3 s (not 1 s) before setting it, in a main() function
# fails: main_sets_event
# says: it slept only 0.3 s there (`stop.wait(0.3)` at line 21)
from threading import Event, Thread
from time import sleep

stop = Event()


def worker(i):
    while not stop.is_set():
        print(f"工人 {i} 工作中")
        sleep(0.2)
    print(f"工人 {i} 收到停止信号")


def main():
    workers = [Thread(target=worker, args=(i,)) for i in range(1, 4)]
    for w in workers:
        w.start()
    stop.wait(0.3)
    stop.set()
    for w in workers:
        w.join()
    print("全部停止")


if __name__ == "__main__":
    main()
