# 07 - Count primes with a process pool / 用进程池数素数
# Read README.md in this folder, then run the chunks on a ProcessPoolExecutor
# and on a ThreadPoolExecutor.
# 阅读本文件夹中的 README.md，然后把各块分别交给 ProcessPoolExecutor 和 ThreadPoolExecutor。
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

LIMIT = 200000  # count the primes below this / 数小于它的素数
CHUNK = 25000   # numbers per chunk / 每块的数字个数


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    i = 3
    while i * i <= n:
        if n % i == 0:
            return False
        i += 2
    return True


def count_primes(start, end):
    """How many primes there are in range(start, end)."""
    return sum(1 for n in range(start, end) if is_prime(n))


def with_processes():
    began = time.perf_counter()
    # TODO: split range(0, LIMIT) into chunks of CHUNK numbers: (0, 25000), (25000, 50000), ...
    # TODO: run count_primes(start, end) for every chunk on a ProcessPoolExecutor(max_workers=2)
    #       and add up the results.
    # TODO: 把 range(0, LIMIT) 分成每块 CHUNK 个数：(0, 25000), (25000, 50000), ...
    # TODO: 在 ProcessPoolExecutor(max_workers=2) 上对每一块运行 count_primes(start, end)，再把结果相加。
    total = count_primes(0, LIMIT)
    print("素数个数: %d" % total)
    print("进程池用时: %.2f 秒" % (time.perf_counter() - began))


def with_threads():
    began = time.perf_counter()
    # TODO: the same chunks on a ThreadPoolExecutor(max_workers=2).
    # TODO: 同样的块，交给 ThreadPoolExecutor(max_workers=2)。
    total = count_primes(0, LIMIT)
    print("素数个数: %d" % total)
    print("线程池用时: %.2f 秒" % (time.perf_counter() - began))


if __name__ == "__main__":
    with_processes()
    with_threads()
