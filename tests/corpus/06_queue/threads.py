# wrong: producer and consumer are threads of main, not processes
# fails: producer_process
# fails: consumed_in_order
# says: ran in thread
# says: of the main process
import multiprocessing
import threading
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
    p = threading.Thread(target=producer, args=(q,))
    c = threading.Thread(target=consumer, args=(q,))
    p.start()
    c.start()
    p.join()
    c.join()
    print("全部完成")
