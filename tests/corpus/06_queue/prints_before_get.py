# wrong: the consumer counts for itself and prints 消费: i before it takes the item off the queue
# fails: consumed_after_produced
# says: before its get() returned 0
import multiprocessing
import time


def producer(q):
    for i in range(10):
        q.put(i)
        print("生产: %d" % i)
        time.sleep(0.1)
    q.put(None)


def consumer(q):
    i = 0
    while True:
        print("消费: %d" % i)
        item = q.get()
        if item is None:
            break
        i += 1


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    c = multiprocessing.Process(target=consumer, args=(q,))
    p.start()
    c.start()
    p.join()
    c.join()
    print("全部完成")
