# wrong: t.run() instead of t.start(): every download runs in the main thread
# fails: all_downloads
# fails: three_at_once
# fails: about_four_rounds
# says: every download ran in the main thread, one after another: main called t.run() at line 22
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
        t.run()
