# wrong: two consumer processes share the queue (one sentinel each), so each takes only some of the items
# fails: consumed_in_order
# says: 2 processes took items from the queue
import multiprocessing
import time


def producer(q, consumers):
    for i in range(10):
        q.put(i)
        print("生产: %d" % i)
        time.sleep(0.1)
    for _ in range(consumers):
        q.put(None)


def consumer(q):
    while True:
        item = q.get()
        if item is None:
            break
        print("消费: %d" % item)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q, 2))
    consumers = [multiprocessing.Process(target=consumer, args=(q,)) for _ in range(2)]
    p.start()
    for c in consumers:
        c.start()
    p.join()
    for c in consumers:
        c.join()
    print("全部完成")
