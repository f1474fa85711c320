# wrong: downloads numbered 1 to 10 instead of 0 to 9
# fails: all_downloads
# says: the downloads are numbered 0 to 9
# says: printed `开始下载 10`
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    with sem:
        print("开始下载 %d" % i)
        time.sleep(0.5)
        print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(1, 11)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
