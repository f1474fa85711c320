# wrong: a global list instead of a queue: the producer appends to its own copy, the consumer's copy stays empty
# fails: producer_process
# fails: consumed_in_order
# says: no multiprocessing queue
# says: do not share memory
import multiprocessing
import time

items = []


def producer():
    for i in range(10):
        items.append(i)
        print("生产: %d" % i)
        time.sleep(0.1)
    items.append(None)


def consumer():
    for item in items:
        if item is None:
            break
        print("消费: %d" % item)


if __name__ == "__main__":
    p = multiprocessing.Process(target=producer)
    c = multiprocessing.Process(target=consumer)
    p.start()
    c.start()
    p.join()
    c.join()
    print("全部完成")
