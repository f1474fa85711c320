# wrong: each thread releases the semaphore twice for one acquire: places multiply
# says: each release gives a place back
# fails: semaphore_limits
# says: released the semaphore made at line 10 twice for 1 acquire (acquired at line 14 (`sem.acquire()`); released by the release at line 18 (`sem.release()`) and the release at line 19 (`sem.release()`))
# says: a release without its acquire adds a place the semaphore never had
# says: Release once for each acquire
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    sem.acquire()
    print("开始下载 %d" % i)
    time.sleep(0.5)
    print("完成下载 %d" % i)
    sem.release()
    sem.release()


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
