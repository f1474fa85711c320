# wrong: the consumer waits for two sentinels (one per producer), but there is one producer
# fails: program_runs
# says: took the sentinel None at line 22 (`item = queue.get()`) and then called get() again
# says: Nothing was put on that queue after the sentinel
import multiprocessing
import time

PRODUCERS = 2


def producer(queue):
    for i in range(10):
        queue.put(i)
        print("生产: %d" % i)
        time.sleep(0.1)
    queue.put(None)


def consumer(queue):
    finished = 0
    while finished < PRODUCERS:
        item = queue.get()
        if item is None:
            finished += 1
        else:
            print("消费: %d" % item)


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    prod = multiprocessing.Process(target=producer, args=(queue,))
    cons = multiprocessing.Process(target=consumer, args=(queue,))
    prod.start()
    cons.start()
    prod.join()
    cons.join()
    print("全部完成")
