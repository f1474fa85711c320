# wrong: each thread makes its own Semaphore(3) inside download(): nobody waits
# fails: semaphore_limits
# says: so no thread ever waited for another
# says: Make the semaphore once, at module level, so that all ten threads share it.
# says: each download thread acquired a semaphore of its own (10 were made, the first made at line 11 in download)
import threading
import time


def download(i):
    sem = threading.Semaphore(3)
    with sem:
        print("开始下载 %d" % i)
        time.sleep(0.5)
        print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
