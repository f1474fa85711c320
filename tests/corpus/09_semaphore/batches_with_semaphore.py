# wrong: main starts three threads at a time and joins each group: the semaphore never holds anybody back
# fails: semaphore_limits
# says: main joined a download thread at line 25 (`t.join()`) before starting the next ones
# says: groups of 3, 3, 3, 1
# says: main's joins, not the semaphore, made the limit
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    with sem:
        print("开始下载 %d" % i)
        time.sleep(0.5)
        print("完成下载 %d" % i)


if __name__ == "__main__":
    for first in range(0, 10, 3):
        group = [threading.Thread(target=download, args=(i,)) for i in range(first, min(first + 3, 10))]
        for t in group:
            t.start()
        for t in group:
            t.join()
