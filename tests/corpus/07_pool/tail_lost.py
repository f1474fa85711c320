# wrong: seven chunks of LIMIT // 7 numbers leave 199997..199999 out (199999 is prime): 17983
# fails: count_right
# says: printed `素数个数: 17983`
# says: one too few
# says: count_primes(171426, 199997)
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

LIMIT = 200000
PARTS = 7


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


def chunks():
    size = LIMIT // PARTS
    return [(i * size, (i + 1) * size) for i in range(PARTS)]


def count_on(pool):
    futures = [pool.submit(count_primes, start, end) for start, end in chunks()]
    return sum(f.result() for f in futures)


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
