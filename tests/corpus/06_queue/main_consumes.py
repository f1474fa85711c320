# wrong: only the producer is a process; main itself takes the items off the queue
# fails: consumed_in_order
# says: the main process (pid
# says: took the items
import multiprocessing
import time


def producer(q):
    for i in range(10):
        q.put(i)
        print("生产: %d" % i)
        time.sleep(0.1)
    q.put(None)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    p.start()
    while True:
        item = q.get()
        if item is None:
            break
        print("消费: %d" % item)
    p.join()
    print("全部完成")
