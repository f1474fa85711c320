# wrong: iter(q.get, None) inside `while True:`: after the sentinel the outer loop starts a new get()
# fails: program_runs
# says: took the sentinel None at line 20 (`for item in iter(q.get, None):`) and then called get() again
# says: Leave the loop as soon as get() returns the sentinel
from multiprocessing import Process, Queue
from time import sleep


def producer(q):
    for i in range(10):
        q.put(i)
        print(f"生产: {i}")
        sleep(0.1)
    q.put(None)


def consumer(q):
    # keep listening
    while True:
        for item in iter(q.get, None):
            print(f"消费: {item}")


def main():
    q = Queue()
    workers = [Process(target=producer, args=(q,)), Process(target=consumer, args=(q,))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("全部完成")


if __name__ == "__main__":
    main()
