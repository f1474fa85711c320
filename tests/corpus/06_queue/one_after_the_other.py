# wrong: main starts the producer and joins it before it starts the consumer: they never run together
# fails: at_the_same_time
# says: was started only after the producer had ended
# says: join() on the producer at line 30
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
    p.join()
    c.start()
    c.join()
    print("全部完成")
