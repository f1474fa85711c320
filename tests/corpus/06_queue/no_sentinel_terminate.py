# wrong: the producer sends no sentinel, so main waits for the producer and then terminate()s the consumer
# fails: ends_on_sentinel
# says: the producer never put the sentinel None
# says: terminate()
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
    c = multiprocessing.Process(target=consumer, args=(q,))
    p.start()
    c.start()
    p.join()
    time.sleep(0.5)  # give the consumer time to finish the last items
    c.terminate()
    c.join()
    print("全部完成")
