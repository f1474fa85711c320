# wrong: the consumer loops while not q.empty(): it stops whenever the next item is not there yet
# fails: ends_on_sentinel
# says: q.empty()
# says: an empty queue does not mean that the producer is done
import multiprocessing
import time


def producer(q):
    for i in range(10):
        q.put(i)
        print("生产: %d" % i)
        time.sleep(0.1)
    q.put(None)


def consumer(q):
    while not q.empty():
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
    p.join()
    c.join()
    print("全部完成")
