# 09 - At most three downloads at once / 最多同时下载三个
# Read README.md in this folder, then limit the downloads with a threading.Semaphore.
# 阅读本文件夹中的 README.md，然后用 threading.Semaphore 限制同时进行的下载。
import threading
import time

# TODO: create one threading.Semaphore(3) here, shared by all ten threads.
# TODO: 在这里创建一个十个线程共用的 threading.Semaphore(3)。


def download(i):
    # TODO: hold the semaphore for the whole download, both prints included
    # (`with sem:` around the three lines below).
    # TODO: 整个下载过程（包括两次打印）都要持有信号量
    # （用 `with sem:` 包住下面三行）。
    print("开始下载 %d" % i)
    time.sleep(0.5)
    print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
