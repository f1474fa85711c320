# correct: a Process subclass that overrides run()
from multiprocessing import Process
import time


def cook(num):
    for _ in range(num):
        print("做饭...")
        time.sleep(0.5)


def wash(num):
    for _ in range(num):
        print("洗衣服...")
        time.sleep(0.5)


class Chore(Process):
    """One household job in a process of its own, named after the job."""

    def __init__(self, job, args=(), kwargs=None):
        super().__init__(name=job.__name__, args=args, kwargs=kwargs or {})
        self.job = job

    def run(self):
        # What Process.run() does with a target: call it with args and kwargs.
        self.job(*self._args, **self._kwargs)


if __name__ == "__main__":
    chores = [Chore(cook, args=(2,)), Chore(wash, kwargs={"num": 5})]
    for chore in chores:
        chore.start()
    for chore in chores:
        chore.join()
