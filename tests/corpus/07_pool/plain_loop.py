# wrong: no executor at all: the chunks are counted one after another in main
# fails: process_pool
# fails: at_the_same_time
# fails: thread_pool
# fails: work_split
# says: made no ProcessPoolExecutor or ThreadPoolExecutor
# says: made no ProcessPoolExecutor:
# says: made no ThreadPoolExecutor
import time

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
    total = 0
    for start in range(0, LIMIT, CHUNK):
        total += count_primes(start, start + CHUNK)
    print("素数个数: %d" % total)
    print("进程池用时: %.2f 秒" % (time.perf_counter() - began))


def with_threads():
    began = time.perf_counter()
    total = 0
    for start in range(0, LIMIT, CHUNK):
        total += count_primes(start, start + CHUNK)
    print("素数个数: %d" % total)
    print("线程池用时: %.2f 秒" % (time.perf_counter() - began))


if __name__ == "__main__":
    with_processes()
    with_threads()
