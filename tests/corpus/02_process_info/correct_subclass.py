# correct: a Process subclass whose run() prints the pids (current_process / parent_process)
import multiprocessing
import time


class Job(multiprocessing.Process):
    def __init__(self, label):
        super().__init__()
        self.label = label

    def run(self):
        print("%s进程pid: %d" % (self.label, multiprocessing.current_process().pid))
        time.sleep(0.5)
        print("%s进程父进程pid: %d" % (self.label, multiprocessing.parent_process().pid))


if __name__ == "__main__":
    print("主进程pid: %d" % multiprocessing.current_process().pid)
    jobs = [Job("做饭"), Job("洗衣服")]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
