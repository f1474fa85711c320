# wrong: `with sem:` holds only the 开始 print; the sleep and 完成 run after the place is given back
# fails: at_most_three
# says: came before the download's sleep at line 14 (`time.sleep(0.5)`)
# says: the end of the `with` block of line 12 (`with limit:`) came before the download's sleep at line 14
import threading
import time

limit = threading.Semaphore(value=3)


def download(i):
    with limit:
        print("开始下载 %d" % i)
    time.sleep(0.5)
    print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
