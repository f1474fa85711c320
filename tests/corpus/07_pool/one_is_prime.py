# wrong: is_prime(1) returns True, so 1 is counted as a prime: 17985
# fails: count_right
# says: printed `素数个数: 17985`
# says: is 1 counted as a prime
import math
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

LIMIT = 200000
CHUNK = 25000


def is_prime(n):
    if n == 2:
        return True
    if n % 2 == 0:
        return False
    for d in range(3, math.isqrt(n) + 1, 2):
        if n % d == 0:
            return False
    return True


def count_primes(start, end):
    return sum(1 for n in range(start, end) if is_prime(n))


def with_processes():
    began = time.perf_counter()
    starts = range(0, LIMIT, CHUNK)
    ends = [s + CHUNK for s in starts]
    with ProcessPoolExecutor(max_workers=2) as pool:
        total = sum(pool.map(count_primes, starts, ends))
    print("素数个数: %d" % total)
    print("进程池用时: %.2f 秒" % (time.perf_counter() - began))


def with_threads():
    began = time.perf_counter()
    starts = range(0, LIMIT, CHUNK)
    ends = [s + CHUNK for s in starts]
    with ThreadPoolExecutor(max_workers=2) as pool:
        total = sum(pool.map(count_primes, starts, ends))
    print("素数个数: %d" % total)
    print("线程池用时: %.2f 秒" % (time.perf_counter() - began))


if __name__ == "__main__":
    with_processes()
    with_threads()
