# wrong: 开始 printed before waiting for the semaphore, 完成 after releasing it
# fails: at_most_three
# says: printed `开始下载 
# says: before it acquired the semaphore
# says: it said the download had started 
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    print("开始下载 %d" % i)
    with sem:
        time.sleep(0.5)
    print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
