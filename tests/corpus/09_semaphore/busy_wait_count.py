# wrong: main waits in a loop until fewer than three downloads run, then starts the next thread
# fails: semaphore_limits
# says: no download thread ever found the semaphore full
# says: so none had to wait for a place and the semaphore never held anybody back
# says: main called is_alive() of a thread at line 22
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    with sem:
        print("开始下载 %d" % i)
        time.sleep(0.5)
        print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = []
    for i in range(10):
        while sum(t.is_alive() for t in threads) >= 3:
            pass
        t = threading.Thread(target=download, args=(i,))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
