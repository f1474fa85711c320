# correct: main sleeps its 2 s in four steps; the worker counts with a while loop
import multiprocessing
import time


def work():
    try:
        multiprocessing.Process(target=print, args=("?",)).start()
    except AssertionError as e:
        print(e)
    i = 0
    while i < 10:
        print("Work in [%d]" % i)
        i += 1
        time.sleep(0.5)


if __name__ == "__main__":
    worker = multiprocessing.Process(target=work, daemon=True)
    worker.start()
    for _ in range(4):
        time.sleep(0.5)
    print("主进程结束!")
