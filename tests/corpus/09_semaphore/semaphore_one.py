# wrong: Semaphore(1): one download at a time, ten rounds
# fails: three_at_once
# fails: about_four_rounds
# fails: semaphore_limits
# says: at most 1 download ran at the same time
# says: the semaphore made at line 11 has value 1: Semaphore(1) lets only 1 thread in at once
# says: the exercise asks for three
import threading
import time

sem = threading.Semaphore(1)


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
