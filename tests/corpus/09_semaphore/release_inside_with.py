# wrong: sem.release() inside `with sem:`: the with-block releases a second time
# says: each release gives a place back
# fails: semaphore_limits
# says: released the semaphore made at line 10 twice for 1 acquire
# says: released by the release at line 23 (`sem.release()  # give the place back`)
# says: `with sem:` acquires and releases for you
import threading
import time

sem = threading.Semaphore(3)


class Downloader(threading.Thread):
    def __init__(self, i):
        super().__init__(name="下载-%d" % i)
        self.i = i

    def run(self):
        with sem:
            print("开始下载 %d" % self.i)
            time.sleep(0.5)
            print("完成下载 %d" % self.i)
            sem.release()  # give the place back


if __name__ == "__main__":
    ds = [Downloader(i) for i in range(10)]
    for d in ds:
        d.start()
    for d in ds:
        d.join()
