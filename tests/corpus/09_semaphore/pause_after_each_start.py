# wrong: main sleeps a second after starting each download "so they do not crowd", time enough for every download to finish before the next begins (on a loaded machine one may run late and overlap the next)
# fails: about_four_rounds
# says: the ten downloads take about four rounds
# says: rounds for 10 downloads
# says: main slept between starting one thread and the next (`time.sleep(1)` at line 26)
# says: Start all ten threads at once
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
        time.sleep(1)
    for t in threads:
        t.join()
