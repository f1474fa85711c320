# correct: one multiprocessing.Lock made in main and passed to every worker with the Value
from multiprocessing import Lock, Process, Value


def work(counter, lock):
    for _ in range(1000):
        lock.acquire()
        try:
            counter.value = counter.value + 1
        finally:
            lock.release()


def main():
    counter = Value("i", 0)
    lock = Lock()
    workers = []
    for _ in range(4):
        p = Process(target=work, args=(counter, lock))
        p.start()
        workers.append(p)
    for p in workers:
        p.join()
    print("最终计数:", counter.value)


if __name__ == "__main__":
    main()
