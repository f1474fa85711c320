# 05 - Keep the balance with a Lock / 用锁保护余额
# Read README.md in this folder, then protect g_balance with a threading.Lock.
# 阅读本文件夹中的 README.md，然后用 threading.Lock 保护 g_balance。
import threading

g_balance = 0
# TODO: create one threading.Lock here, shared by both threads.
# TODO: 在这里创建一个两个线程共用的 threading.Lock。


def change_it(n):
    global g_balance
    g_balance = g_balance + n
    g_balance = g_balance - n


def run_thread(n):
    for i in range(1000):
        # TODO: hold the lock while calling change_it.
        # TODO: 调用 change_it 时持有这把锁。
        change_it(n)


if __name__ == "__main__":
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(g_balance)
