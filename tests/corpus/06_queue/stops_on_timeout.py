# wrong: no sentinel; the consumer stops when get(timeout=1) raises queue.Empty
# fails: ends_on_sentinel
# says: raised queue.Empty
# says: the producer never put the sentinel None
import multiprocessing
import queue
import time


def producer(q):
    for i in range(10):
        q.put(i)
        print("生产: %d" % i)
        time.sleep(0.1)


def consumer(q):
    while True:
        try:
            item = q.get(timeout=1)
        except queue.Empty:
            break
        print("消费: %d" % item)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    c = multiprocessing.Process(target=consumer, args=(q,))
    p.start()
    c.start()
    p.join()
    c.join()
    print("全部完成")
