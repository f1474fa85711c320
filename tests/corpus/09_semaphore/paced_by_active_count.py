# wrong: main sleeps in small steps until fewer than four threads are alive, then starts the next download; the semaphore is there but never holds anybody back
# fails: semaphore_limits
# says: main called threading.active_count() at line 21
# says: no download thread ever found the semaphore full
import threading
import time

sem = threading.Semaphore(3)


def download(i):
    with sem:
        print("开始下载 %d" % i)
        time.sleep(0.5)
        print("完成下载 %d" % i)


def start_all():
    threads = []
    for i in range(10):
        while threading.active_count() > 3:
            time.sleep(0.01)
        t = threading.Thread(target=download, args=(i,))
        t.start()
        threads.append(t)
    return threads


if __name__ == "__main__":
    for t in start_all():
        t.join()
