# wrong: the consumer takes exactly ten items and stops: it never takes the sentinel the producer sends
# fails: ends_on_sentinel
# says: never took the sentinel None
# says: after a fixed number of items
import multiprocessing
import time


def producer(q):
    for i in range(10):
        q.put(i)
        print("生产: %d" % i)
        time.sleep(0.1)
    q.put(None)


def consumer(q):
    for _ in range(10):
        item = q.get()
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
