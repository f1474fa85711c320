# wrong: no sentinel; the consumer is a daemon that main never joins, so it is killed when main ends
# fails: ends_on_sentinel
# says: the producer never put the sentinel None
# says: daemon
import multiprocessing
import time


def producer(q):
    for i in range(10):
        q.put(i)
        print("生产: %d" % i)
        time.sleep(0.1)


def consumer(q):
    while True:
        item = q.get()
        print("消费: %d" % item)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    c = multiprocessing.Process(target=consumer, args=(q,), daemon=True)
    p.start()
    c.start()
    p.join()
    time.sleep(0.5)
    print("全部完成")
