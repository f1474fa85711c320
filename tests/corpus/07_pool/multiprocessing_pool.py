# wrong: a multiprocessing.Pool instead of a ProcessPoolExecutor
# fails: process_pool
# fails: at_the_same_time
# says: your file made no concurrent.futures.ProcessPoolExecutor: it used a multiprocessing.Pool (its worker processes
# says: PoolWorker-1 (pid
import multiprocessing
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
    chunks = [(s, s + CHUNK) for s in range(0, LIMIT, CHUNK)]
    with multiprocessing.Pool(processes=2) as pool:
        total = sum(pool.starmap(count_primes, chunks))
    print("素数个数: %d" % total)
    print("进程池用时: %.2f 秒" % (time.perf_counter() - began))


def with_threads():
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        total = sum(pool.map(count_primes, range(0, LIMIT, CHUNK), range(CHUNK, LIMIT + 1, CHUNK)))
    print("素数个数: %d" % total)
    print("线程池用时: %.2f 秒" % (time.perf_counter() - began))


if __name__ == "__main__":
    with_processes()
    with_threads()
