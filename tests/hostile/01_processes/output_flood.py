# hostile: output without end, megabytes per second, from a child process
# fails: program_runs
# says: File too large
# says: 16 MiB
import multiprocessing


def cook(num):
    line = "做饭..." * 100
    while True:
        print(line)


def wash(num):
    print("洗衣服...")


if __name__ == "__main__":
    multiprocessing.Process(target=cook, args=(2,)).start()
    multiprocessing.Process(target=wash, kwargs={"num": 5}).start()
