# wrong: main sleeps after every third start, so each group has finished before the next starts
# fails: semaphore_limits
# says: main slept at line 25 (`time.sleep(0.5)  # wait for this group`) after starting 3 download threads
# says: as long as a download takes
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    with sem:
        print("开始下载 %d" % i)
        time.sleep(0.5)
        print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = []
    for i in range(10):
        t = threading.Thread(target=download, args=(i,))
        t.start()
        threads.append(t)
        if i % 3 == 2:
            time.sleep(0.5)  # wait for this group
    for t in threads:
        t.join()
