# correct: the Event made in main and handed to a Thread subclass, f-strings, named threads
from threading import Event, Thread
from time import sleep


class Worker(Thread):
    def __init__(self, number, stop):
        super().__init__(name=f"worker-{number}")
        self.number = number
        self.stop = stop

    def run(self):
        while True:
            if self.stop.is_set():
                print(f"工人 {self.number} 收到停止信号")
                return
            print(f"工人 {self.number} 工作中")
            sleep(0.2)


def main():
    stop = Event()
    workers = [Worker(n, stop) for n in range(1, 4)]
    for w in workers:
        w.start()
    sleep(1)
    stop.set()
    for w in workers:
        w.join()
    print("全部停止")


if __name__ == "__main__":
    main()
