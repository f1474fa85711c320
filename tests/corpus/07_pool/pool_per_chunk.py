# wrong: a new ProcessPoolExecutor (and ThreadPoolExecutor) for every chunk, each given one task
# fails: work_split
# fails: process_pool
# fails: at_the_same_time
# says: your file made a new ProcessPoolExecutor for every chunk: 8 of them at line 35
# says: a pool that gets one chunk keeps one worker busy while the other has nothing to do
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
    total = 0
    for s in range(0, LIMIT, CHUNK):
        with ProcessPoolExecutor(max_workers=2) as pool:
            total += pool.submit(count_primes, s, min(s + CHUNK, LIMIT)).result()
    print("素数个数: %d" % total)
    print("进程池用时: %.2f 秒" % (time.perf_counter() - began))


def with_threads():
    began = time.perf_counter()
    total = 0
    for s in range(0, LIMIT, CHUNK):
        with ThreadPoolExecutor(max_workers=2) as pool:
            total += pool.submit(count_primes, s, min(s + CHUNK, LIMIT)).result()
    print("素数个数: %d" % total)
    print("线程池用时: %.2f 秒" % (time.perf_counter() - began))


if __name__ == "__main__":
    with_processes()
    with_threads()
