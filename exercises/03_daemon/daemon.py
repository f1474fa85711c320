# 03 - A daemon worker / 守护进程
# Read README.md in this folder, then run work() in a daemon process that
# is stopped when the main process ends.
# 阅读本文件夹中的 README.md，然后让 work() 在一个守护进程中运行，
# 主进程结束时守护进程随之结束。
import time


def work():
    # TODO: first try to start a multiprocessing.Process of your own here,
    # catch the AssertionError and print its message.
    # TODO: 先在这里尝试启动一个 multiprocessing.Process，
    # 捕获 AssertionError 并打印它的信息。
    for i in range(10):
        print("Work in [%d]" % i)
        time.sleep(0.5)


if __name__ == "__main__":
    # TODO: run work() in a multiprocessing.Process, make it a daemon
    # before starting it, start it, sleep 2 s, then print and end without
    # joining it.
    # TODO: 用 multiprocessing.Process 运行 work()，在启动之前把它设为守护进程，
    # 启动它，睡眠 2 秒，然后打印并结束，不要 join 它。
    work()
    print("主进程结束!")
