# wrong: 完成 printed after the with-block, when the place is already given away
# fails: at_most_three
# says: after it had released the semaphore
# says: another download could start before this one said it was done
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
        t.start()
    for t in threads:
        t.join()
