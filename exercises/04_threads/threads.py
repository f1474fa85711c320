# 04 - A thread called LoopThread / 名为 LoopThread 的线程
# Read README.md in this folder, then run loop() in a thread named LoopThread.
# 阅读本文件夹中的 README.md，然后让 loop() 在名为 LoopThread 的线程中运行。
import time
import threading


def loop():
    name = threading.current_thread().name
    for i in range(5):
        print("子线程 [%s_%d]运行" % (name, i))
        time.sleep(0.5)


if __name__ == "__main__":
    print("线程 [%s] 运行..." % threading.current_thread().name)
    # TODO: run loop() in a threading.Thread named "LoopThread",
    # start it and wait for it (join).
    # TODO: 用 threading.Thread 创建名为 "LoopThread" 的线程来运行 loop()，
    # 启动它并等待它结束（join）。
    loop()
    print("线程 [%s] 结束" % threading.current_thread().name)
