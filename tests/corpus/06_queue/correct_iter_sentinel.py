# correct: iter(q.get, None) loops until the sentinel; the consumer is started first; f-strings and print(a, b)
from multiprocessing import Process, Queue
from time import sleep

SENTINEL = None


def produce(queue):
    for number in range(10):
        queue.put(number)
        print("生产:", number)
        sleep(0.1)
    queue.put(SENTINEL)


def consume(queue):
    for number in iter(queue.get, SENTINEL):
        print(f"消费: {number}")


if __name__ == "__main__":
    queue = Queue()
    workers = [Process(target=consume, args=(queue,)), Process(target=produce, args=(queue,))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("全部完成")
