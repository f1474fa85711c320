# wrong: each thread joined right after it is started: one download at a time
# fails: three_at_once
# fails: about_four_rounds
# says: at most 1 download ran at the same time
# says: main joined a thread at line 23 before starting the next one
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    with sem:
        print("开始下载 %d" % i)
        time.sleep(0.5)
        print("完成下载 %d" % i)


if __name__ == "__main__":
    for i in range(10):
        t = threading.Thread(target=download, args=(i,))
        t.start()
        t.join()
