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
    producer_process = multiprocessing.Process(target=producer, args=(q,))
    consumer_process = multiprocessing.Process(target=consumer, args=(q,))
    producer_process.start()
    consumer_process.start()
    producer_process.join()
    consumer_process.join()
    print("全部完成")
