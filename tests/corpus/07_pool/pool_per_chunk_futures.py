# wrong: one pool per chunk, all kept open while their futures are collected
# fails: work_split
# fails: process_pool
# fails: at_the_same_time
# says: your file made a new ProcessPoolExecutor for every chunk: 8 of them at line 35 (`executor = pool_class(max_workers=2)`)
# says: each given one task
# says: no pool ran two chunks at the same time
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


def counted(pool_class):
    futures, executors = [], []
    for start in range(0, LIMIT, CHUNK):
        executor = pool_class(max_workers=2)
        executors.append(executor)
        futures.append(executor.submit(count_primes, start, start + CHUNK))
    total = sum(f.result() for f in futures)
    for executor in executors:
        executor.shutdown()
    return total


def with_processes():
    began = time.perf_counter()
    print("素数个数: %d" % counted(ProcessPoolExecutor))
    print("进程池用时: %.2f 秒" % (time.perf_counter() - began))


def with_threads():
    began = time.perf_counter()
    print("素数个数: %d" % counted(ThreadPoolExecutor))
    print("线程池用时: %.2f 秒" % (time.perf_counter() - began))


if __name__ == "__main__":
    with_processes()
    with_threads()
