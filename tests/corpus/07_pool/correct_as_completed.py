# correct: futures collected with as_completed; sixteen chunks; pools made without a with-block
import concurrent.futures
import time

LIMIT = 200000
PARTS = 16


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


def split(limit, parts):
    edges = [limit * i // parts for i in range(parts + 1)]
    return list(zip(edges, edges[1:]))


def run_on(pool):
    futures = {pool.submit(count_primes, a, b): (a, b) for a, b in split(LIMIT, PARTS)}
    total = 0
    for future in concurrent.futures.as_completed(futures):
        total += future.result()
    pool.shutdown()
    return total


def with_processes():
    t0 = time.perf_counter()
    total = run_on(concurrent.futures.ProcessPoolExecutor(2))
    print("素数个数: %d" % total)
    print("进程池用时: %.2f 秒" % (time.perf_counter() - t0))


def with_threads():
    t0 = time.perf_counter()
    total = run_on(concurrent.futures.ThreadPoolExecutor(2))
    print("素数个数: %d" % total)
    print("线程池用时: %.2f 秒" % (time.perf_counter() - t0))


if __name__ == "__main__":
    with_processes()
    with_threads()
