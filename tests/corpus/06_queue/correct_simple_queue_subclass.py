# correct: Process subclasses with run(), a SimpleQueue from a spawn context
import multiprocessing
import time


class Producer(multiprocessing.Process):
    def __init__(self, q):
        super().__init__(name="producer")
        self.q = q

    def run(self):
        for i in range(10):
            self.q.put(i)
            print("生产: %d" % i)
            time.sleep(0.1)
        self.q.put(None)


class Consumer(multiprocessing.Process):
    def __init__(self, q):
        super().__init__(name="consumer")
        self.q = q

    def run(self):
        while True:
            item = self.q.get()
            if item is None:
                return
            print("消费: %d" % item)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    q = ctx.SimpleQueue()
    producer, consumer = Producer(q), Consumer(q)
    producer.start()
    consumer.start()
    producer.join()
    consumer.join()
    print("全部完成")
