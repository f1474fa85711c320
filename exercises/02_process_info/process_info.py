# 02 - Who am I, who started me / 进程号和父进程号
# Read README.md in this folder, then run cook and wash in two child processes
# that print their own pid and the pid of the process that started them.
# 阅读本文件夹中的 README.md，然后让 cook 和 wash 在两个子进程中运行，
# 并打印它们自己的 pid 和启动它们的进程的 pid。
import os
import time


def cook():
    print("做饭进程pid: ", os.getpid())
    time.sleep(0.5)
    # TODO: os.getppid() is not always the process that started this one
    # (see README.md); print that process's pid instead.
    # TODO: os.getppid() 不一定是启动本进程的那个进程（见 README.md），
    # 请改为打印启动本进程的进程的 pid。
    print("做饭进程父进程pid: ", os.getppid())


def wash():
    print("洗衣服进程pid: ", os.getpid())
    time.sleep(0.5)
    # TODO: same as in cook. / TODO: 同 cook。
    print("洗衣服进程父进程pid: ", os.getppid())


if __name__ == "__main__":
    print("主进程pid: ", os.getpid())
    # TODO: run cook and wash each in its own multiprocessing.Process,
    # start both, then wait for both (join).
    # TODO: 用 multiprocessing.Process 让 cook 和 wash 各自在一个子进程中运行，
    # 先启动两个进程，再等待它们结束（join）。
    cook()
    wash()
