# wrong: main keeps three threads running by joining the oldest before starting the next
# fails: semaphore_limits
# says: main joined a download thread at line 27 (`workers.pop(0).join()`)
# says: groups of 3, 1, 1, 1, 1, 1, 1, 1
# says: so never more than 3 download threads were alive at once
from threading import Semaphore, Thread
from time import sleep

MAX = 3
slots = Semaphore(MAX)


def download(i):
    slots.acquire()
    try:
        print(f"开始下载 {i}")
        sleep(0.5)
        print(f"完成下载 {i}")
    finally:
        slots.release()


def main():
    workers = []
    for i in range(10):
        if len(workers) == MAX:
            workers.pop(0).join()
        w = Thread(target=download, args=(i,))
        w.start()
        workers.append(w)
    for w in workers:
        w.join()


if __name__ == "__main__":
    main()
