# correct: print(e.args[0]), the worker started from a main() function
import multiprocessing
import time


def say(text):
    print(text)


def work():
    helper = multiprocessing.Process(target=say, args=("hello from a grandchild",))
    try:
        helper.start()
    except AssertionError as e:
        print(e.args[0])
    i = 0
    while i < 10:
        print("Work in [" + str(i) + "]")
        time.sleep(0.5)
        i += 1


def main():
    worker = multiprocessing.Process(target=work, name="worker")
    worker.daemon = True
    worker.start()
    time.sleep(2)
    print("主进程结束!")


if __name__ == "__main__":
    main()
