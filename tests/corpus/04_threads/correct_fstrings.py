# correct: from threading import Thread, current_thread with f-strings
from threading import Thread, current_thread
from time import sleep


def loop():
    for i in range(5):
        print(f"子线程 [{current_thread().name}_{i}]运行")
        sleep(0.5)


def main():
    print(f"线程 [{current_thread().name}] 运行...")
    worker = Thread(target=loop, name="LoopThread")
    worker.start()
    worker.join()
    print(f"线程 [{current_thread().name}] 结束")


if __name__ == "__main__":
    main()
