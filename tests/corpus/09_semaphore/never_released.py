# wrong: sem.acquire() without sem.release(): after three downloads nobody gets in
# fails: program_runs
# says: it was still running after
# says: Where each thread was
# says: in download: sem.acquire()
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    sem.acquire()
    print("开始下载 %d" % i)
    time.sleep(0.5)
    print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
