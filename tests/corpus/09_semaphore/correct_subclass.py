# correct: a Thread subclass; main makes the semaphore and hands it to each thread
import threading
import time


class Download(threading.Thread):
    def __init__(self, number, sem):
        super().__init__()
        self.number = number
        self.sem = sem

    def run(self):
        with self.sem:
            print("开始下载 {}".format(self.number))
            time.sleep(0.5)
            print("完成下载 {}".format(self.number))


if __name__ == "__main__":
    sem = threading.Semaphore(3)
    downloads = [Download(i, sem) for i in range(10)]
    for d in downloads:
        d.start()
    for d in downloads:
        d.join()
    print("全部下载完成")
