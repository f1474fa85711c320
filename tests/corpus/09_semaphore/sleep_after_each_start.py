# wrong: main waits a download's time after every start, so the downloads never overlap
# fails: semaphore_limits
# says: main slept at line 22 (`time.sleep(0.5)`) after starting 1 download thread
# says: instead of starting all ten at once and letting the semaphore make them wait
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    with sem:
        print("开始下载 %d" % i)
        time.sleep(0.5)
        print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
        time.sleep(0.5)
    for t in threads:
        t.join()
