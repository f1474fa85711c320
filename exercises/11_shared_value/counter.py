# 11 - Count together with a shared Value / 用共享的 Value 一起计数
# Read README.md in this folder, then guard the increment with the Value's own lock.
# 阅读本文件夹中的 README.md，然后用 Value 自带的锁保护加 1 的操作。
import multiprocessing


def work(counter):
    for _ in range(1000):
        # TODO: hold the counter's own lock while adding 1
        # (`with counter.get_lock():` around the line below).
        # TODO: 加 1 时持有 counter 自带的锁
        # （用 `with counter.get_lock():` 包住下面这一行）。
        counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=work, args=(counter,)) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(counter.value)
