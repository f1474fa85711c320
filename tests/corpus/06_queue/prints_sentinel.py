# wrong: the consumer prints every item it takes, the sentinel too, before it looks at it
# fails: consumed_in_order
# says: printed `消费: None` for the sentinel
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
        print("消费:", item)
        if item is None:
            break


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    c = multiprocessing.Process(target=consumer, args=(q,))
    p.start()
    c.start()
    p.join()
    c.join()
    print("全部完成")
