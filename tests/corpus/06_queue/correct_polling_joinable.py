# correct: a JoinableQueue; the consumer polls with a short get(timeout=...) and keeps waiting on queue.Empty, stopping only on the sentinel
import multiprocessing
import queue
import time


def producer(q):
    for i in range(10):
        q.put(i)
        print("生产: %d" % i)
        time.sleep(0.1)
    q.put(None)


def consumer(q):
    while True:
        try:
            item = q.get(timeout=0.05)
        except queue.Empty:
            continue
        q.task_done()
        if item is None:
            break
        print("消费: %d" % item)


if __name__ == "__main__":
    q = multiprocessing.JoinableQueue()
    p = multiprocessing.Process(target=producer, args=(q,))
    c = multiprocessing.Process(target=consumer, args=(q,))
    p.start()
    c.start()
    q.join()
    p.join()
    c.join()
    print("全部完成")
