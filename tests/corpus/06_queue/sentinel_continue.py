# wrong: the consumer meets the sentinel with `continue` instead of `break`, and calls get() again
# fails: program_runs
# says: took the sentinel None at line 20 (`item = q.get()`) and then called get() again
# says: it was still waiting in get() at line 20 (`item = q.get()`)
# says: so that get() waits for an item nobody will put
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
            continue
        print("消费: %d" % item)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    c = multiprocessing.Process(target=consumer, args=(q,))
    p.start()
    c.start()
    p.join()
    c.join()
    print("全部完成")
