# wrong: three worker threads share out the ten downloads: no semaphore, not ten threads
# fails: all_downloads
# fails: semaphore_limits
# says: ran downloads 0, 3, 6 and 9: 3 threads ran the ten downloads
# says: your file made no threading.Semaphore: 3 threads ran the ten downloads
import threading
import time


def download(i):
    print("开始下载 %d" % i)
    time.sleep(0.5)
    print("完成下载 %d" % i)


def worker(first):
    for i in range(first, 10, 3):
        download(i)


if __name__ == "__main__":
    workers = [threading.Thread(target=worker, args=(k,)) for k in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
