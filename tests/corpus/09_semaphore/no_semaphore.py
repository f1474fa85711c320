# wrong: no semaphore at all: all ten downloads run at once
# fails: semaphore_limits
# says: your file made no threading.Semaphore
# says: sem = threading.Semaphore(3) at module level
# says: `with sem:` around the three lines of download()
# says: your file made no threading.Semaphore
import threading
import time


def download(i):
    print("开始下载 %d" % i)
    time.sleep(0.5)
    print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
