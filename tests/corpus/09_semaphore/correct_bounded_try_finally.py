# correct: a BoundedSemaphore, acquire() then try/finally release(), f-strings
from threading import BoundedSemaphore, Thread
from time import sleep

places = BoundedSemaphore(3)


def download(i):
    places.acquire()
    try:
        print(f"开始下载 {i}")
        sleep(0.5)
        print(f"完成下载 {i}")
    finally:
        places.release()


def main():
    workers = []
    for i in range(10):
        worker = Thread(target=download, args=(i,), name=f"download-{i}")
        worker.start()
        workers.append(worker)
    for worker in workers:
        worker.join()


if __name__ == "__main__":
    main()
