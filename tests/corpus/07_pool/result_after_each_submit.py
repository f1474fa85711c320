# wrong: waits for each chunk's result before submitting the next, so chunks never overlap
# fails: at_the_same_time
# says: no two chunks ran at the same time
# says: calling .result() right after submit()
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


def count_on(pool):
    total = 0
    for start in range(0, LIMIT, CHUNK):
        future = pool.submit(count_primes, start, min(start + CHUNK, LIMIT))
        total += future.result()
    return total


def with_processes():
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        total = count_on(pool)
    print("素数个数: %d" % total)
    print("进程池用时: %.2f 秒" % (time.perf_counter() - began))


def with_threads():
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        total = count_on(pool)
    print("素数个数: %d" % total)
    print("线程池用时: %.2f 秒" % (time.perf_counter() - began))


if __name__ == "__main__":
    with_processes()
    with_threads()
