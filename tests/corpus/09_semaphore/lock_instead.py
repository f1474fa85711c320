# wrong: a Lock instead of a Semaphore: one download at a time
# fails: three_at_once
# fails: about_four_rounds
# fails: semaphore_limits
# says: at most 1 download ran at the same time
# says: a Lock lets one thread in at a time
# says: as long as all of them one after another
# says: your file made no threading.Semaphore; the download threads held the threading.Lock made at line 12
import threading
import time

lock = threading.Lock()


def download(i):
    with lock:
        print("开始下载 %d" % i)
        time.sleep(0.5)
        print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
