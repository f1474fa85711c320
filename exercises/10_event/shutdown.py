# 10 - Stop three workers with one Event / 用一个 Event 让三个工人停下
# Read README.md in this folder, then stop the workers with a threading.Event.
# 阅读本文件夹中的 README.md，然后用 threading.Event 让工人线程停下。
import threading
import time

# TODO: create one threading.Event here, shared by all workers.
# TODO: 在这里创建一个所有工人共用的 threading.Event。


def worker(i):
    # TODO: repeat the step until the event is set (not just 5 times),
    # then print "工人 i 收到停止信号" and return.
    # TODO: 重复这一步直到事件被设置（而不是只做 5 次），
    # 然后打印 "工人 i 收到停止信号" 并返回。
    for _ in range(5):
        print("工人 %d 工作中" % i)
        time.sleep(0.2)


if __name__ == "__main__":
    threads = [threading.Thread(target=worker, args=(i,)) for i in (1, 2, 3)]
    for t in threads:
        t.start()
    time.sleep(1)
    # TODO: set the event: that is the stop signal for every worker.
    # TODO: 设置事件：这就是给每个工人的停止信号。
    for t in threads:
        t.join()
    print("全部停止")
