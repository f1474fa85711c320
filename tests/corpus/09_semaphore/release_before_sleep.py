# wrong: the semaphore is released right after the 开始 print, before the download's sleep
# fails: at_most_three
# says: the release at line 14 (`sem.release()`) came before the download's sleep at line 15 (`time.sleep(0.5)`)
# says: so the thread slept without its place
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    sem.acquire()
    print("开始下载 %d" % i)
    sem.release()
    time.sleep(0.5)
    print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
