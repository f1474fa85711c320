# wrong: three threads at a time, each batch joined before the next: no semaphore
# fails: semaphore_limits
# says: main started the threads a few at a time and joined them (join at line 22)
# says: your file made no threading.Semaphore
# says: The exercise is about a Semaphore
import threading
import time


def download(i):
    print("开始下载 %d" % i)
    time.sleep(0.5)
    print("完成下载 %d" % i)


if __name__ == "__main__":
    for first in range(0, 10, 3):
        batch = [threading.Thread(target=download, args=(i,)) for i in range(first, min(first + 3, 10))]
        for t in batch:
            t.start()
        for t in batch:
            t.join()
