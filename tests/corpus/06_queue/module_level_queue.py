# wrong: the queue is a module-level global, not passed to the processes: under spawn and forkserver each child makes its own queue, and the consumer waits for ever
# fails: program_runs
# says: made its own queue
# says: Create the queue in main and pass it to both processes
import multiprocessing
import time

q = multiprocessing.Queue()


def producer():
    for i in range(10):
        q.put(i)
        print("生产: %d" % i)
        time.sleep(0.1)
    q.put(None)


def consumer():
    while True:
        item = q.get()
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
