# 06 - Producer and consumer joined by a Queue / 用队列连接生产者和消费者
# Read README.md in this folder, then connect the two processes with a multiprocessing.Queue.
# 阅读本文件夹中的 README.md，然后用 multiprocessing.Queue 把两个进程连接起来。
import multiprocessing
import time


def producer(q):
    for i in range(10):
        # TODO: put i on the queue q.
        # TODO: 把 i 放进队列 q。
        print("生产: %d" % i)
        time.sleep(0.1)
    # TODO: put the sentinel None on the queue: it tells the consumer that nothing more comes.
    # TODO: 把哨兵 None 放进队列：它告诉消费者后面没有了。


def consumer(q):
    # TODO: take items from q until the sentinel None arrives; print "消费: i" for each item.
    # TODO: 从 q 里取元素，直到收到哨兵 None；每取到一个元素打印 "消费: i"。
    pass


if __name__ == "__main__":
    # TODO: create one multiprocessing.Queue, pass it to a producer process and a consumer
    # process, start both, then join both.
    # TODO: 创建一个 multiprocessing.Queue，把它传给生产者进程和消费者进程，先启动两个进程，
    # 再 join 两个进程。
    q = None
    producer(q)
    consumer(q)
    print("全部完成")
