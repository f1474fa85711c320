# wrong: acquire() and release() right away, then the download without the place
# fails: at_most_three
# says: so the thread slept without its place
# says: when it no longer held the semaphore (released at
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    sem.acquire()
    sem.release()
    print("开始下载 %d" % i)
    time.sleep(0.5)
    print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
