# wrong: submit(count_primes(s, e)) counts in main and hands the pool a number to call
# fails: program_runs
# says: raised TypeError
# says: pool.submit(count_primes, start, end)
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


def chunks():
    return [(s, min(s + CHUNK, LIMIT)) for s in range(0, LIMIT, CHUNK)]


def with_processes():
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(count_primes(s, e)) for s, e in chunks()]
        total = sum(f.result() for f in futures)
    print("素数个数: %d" % total)
    print("进程池用时: %.2f 秒" % (time.perf_counter() - began))


def with_threads():
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(count_primes(s, e)) for s, e in chunks()]
        total = sum(f.result() for f in futures)
    print("素数个数: %d" % total)
    print("线程池用时: %.2f 秒" % (time.perf_counter() - began))


if __name__ == "__main__":
    with_processes()
    with_threads()
