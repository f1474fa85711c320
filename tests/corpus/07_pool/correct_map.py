# correct: executor.map over the chunks' starts and ends, twenty chunks of 10000
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

LIMIT = 200000
CHUNK = 10000


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


def timed(executor_class, label):
    began = time.perf_counter()
    starts = list(range(0, LIMIT, CHUNK))
    ends = [min(s + CHUNK, LIMIT) for s in starts]
    with executor_class(max_workers=2) as executor:
        total = sum(executor.map(count_primes, starts, ends))
    print(f"素数个数: {total}")
    print(f"{label}用时: {time.perf_counter() - began:.2f} 秒")


def with_processes():
    timed(ProcessPoolExecutor, "进程池")


def with_threads():
    timed(ThreadPoolExecutor, "线程池")


if __name__ == "__main__":
    with_processes()
    with_threads()
