# wrong: the pools get a warm-up task each, and main counts every chunk itself
# fails: work_split
# fails: process_pool
# fails: at_the_same_time
# says: was sleep(0), which runs none of your file's code
# says: so none of the counting happened in the pool
# says: it all happened in the main process
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

LIMIT = 200000
CHUNK = 25000


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
    return sum(1 for n in range(start, end) if is_prime(n))


def with_processes():
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        pool.submit(time.sleep, 0)  # warm up the pool
        total = sum(count_primes(s, min(s + CHUNK, LIMIT)) for s in range(0, LIMIT, CHUNK))
    print("素数个数: %d" % total)
    print("进程池用时: %.2f 秒" % (time.perf_counter() - began))


def with_threads():
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        pool.submit(print, "线程池启动")
        total = sum(count_primes(s, min(s + CHUNK, LIMIT)) for s in range(0, LIMIT, CHUNK))
    print("素数个数: %d" % total)
    print("线程池用时: %.2f 秒" % (time.perf_counter() - began))


if __name__ == "__main__":
    with_processes()
    with_threads()
