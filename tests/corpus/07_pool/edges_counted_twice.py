# wrong: count_primes includes its end, so a prime at a chunk edge (28571) is counted twice: 17985
# fails: count_right
# says: printed `素数个数: 17985`
# says: count_primes(0, 28571), count_primes(28571, 57142)
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

LIMIT = 200000
SIZE = 28571


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


def count_primes(low, high):
    """Primes from low up to and including high."""
    return sum(1 for n in range(low, high + 1) if is_prime(n))


def bounds():
    return [(low, min(low + SIZE, LIMIT - 1)) for low in range(0, LIMIT, SIZE)]


def with_processes():
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(count_primes, low, high) for low, high in bounds()]
        total = sum(f.result() for f in futures)
    print("素数个数: %d" % total)
    print("进程池用时: %.2f 秒" % (time.perf_counter() - began))


def with_threads():
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(count_primes, low, high) for low, high in bounds()]
        total = sum(f.result() for f in futures)
    print("素数个数: %d" % total)
    print("线程池用时: %.2f 秒" % (time.perf_counter() - began))


if __name__ == "__main__":
    with_processes()
    with_threads()
