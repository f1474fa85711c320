# wrong: Semaphore(4): four downloads at once
# fails: at_most_three
# fails: semaphore_limits
# says: the semaphore made at line 10 has value 4
# says: Semaphore(4) lets 4 threads in at once
# says: the exercise asks for three
import threading
import time

sem = threading.Semaphore(4)


def download(i):
    with sem:
        print("开始下载 %d" % i)
        time.sleep(0.5)
        print("完成下载 %d" % i)


if __name__ == "__main__":
    threads = [threading.Thread(target=download, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
