# wrong: threading.Thread workers by hand for the thread version, no ThreadPoolExecutor
# fails: thread_pool
# says: your file made no ThreadPoolExecutor: your program used threads of its own in the main process
import threading
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
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(count_primes, s, s + CHUNK) for s in range(0, LIMIT, CHUNK)]
        total = sum(f.result() for f in futures)
    print("素数个数: %d" % total)
    print("进程池用时: %.2f 秒" % (time.perf_counter() - began))


def with_threads():
    began = time.perf_counter()
    results = []

    def work(first):
        for s in range(first, LIMIT, 2 * CHUNK):
            results.append(count_primes(s, s + CHUNK))

    workers = [threading.Thread(target=work, args=(k * CHUNK,)) for k in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("素数个数: %d" % sum(results))
    print("线程池用时: %.2f 秒" % (time.perf_counter() - began))


if __name__ == "__main__":
    with_processes()
    with_threads()
