# wrong: main prints 全部完成 right after starting the processes, before joining them
# fails: main_waits
# says: before joining
import multiprocessing
import time


def producer(q):
    for i in range(10):
        q.put(i)
        print("生产: %d" % i)
        time.sleep(0.1)
    q.put(None)


def consumer(q):
    while True:
        item = q.get()
        if item is None:
            break
        print("消费: %d" % item)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    c = multiprocessing.Process(target=consumer, args=(q,))
    p.start()
    c.start()
    print("全部完成")
    p.join()
    c.join()
