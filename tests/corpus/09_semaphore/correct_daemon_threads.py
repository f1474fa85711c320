# correct: daemon threads started in a comprehension, acquire()/release() in try/finally, joined
import threading
import time

downloads = threading.Semaphore(3)


def download(i):
    downloads.acquire()
    try:
        print("开始下载 " + str(i))
        time.sleep(0.5)
        print("完成下载 " + str(i))
    finally:
        downloads.release()


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(n,), daemon=True) for n in range(10)]
    [t.start() for t in threads]
    [t.join() for t in threads]
