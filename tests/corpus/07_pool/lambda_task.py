# wrong: a lambda submitted to the process pool: pickle cannot send it to a worker
# fails: program_runs
# says: not a lambda
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


def count_on(pool):
    futures = []
    for start in range(0, LIMIT, CHUNK):
        task = lambda lo=start: sum(1 for n in range(lo, lo + CHUNK) if is_prime(n))
        futures.append(pool.submit(task))
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
