# wrong: 开始 printed before the semaphore is taken, and each thread joined before the next starts
# fails: at_most_three
# fails: three_at_once
# says: before it acquired the semaphore
# says: it said the download had started before it had its place
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    print("开始下载 %d" % i)
    sem.acquire()
    time.sleep(0.5)
    sem.release()
    print("完成下载 %d" % i)


if __name__ == "__main__":
    for i in range(10):
        worker = threading.Thread(target=download, args=(i,))
        worker.start()
        worker.join()
