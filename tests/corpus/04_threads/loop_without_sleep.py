# wrong: loop() without its sleeps
# fails: numbering
# says: after `子线程 [LoopThread_0]运行`, thread LoopThread did not sleep before its next line
import threading


def loop():
    for i in range(5):
        print("子线程 [%s_%d]运行" % (threading.current_thread().name, i))


if __name__ == "__main__":
    print("线程 [%s] 运行..." % threading.current_thread().name)
    t = threading.Thread(target=loop, name="LoopThread")
    t.start()
    t.join()
    print("线程 [%s] 结束" % threading.current_thread().name)
