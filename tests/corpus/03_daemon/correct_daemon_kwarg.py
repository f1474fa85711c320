# correct: Process(target=work, daemon=True), print(str(e))
from multiprocessing import Process
import time


def work():
    try:
        Process(target=time.sleep, args=(1,)).start()
    except AssertionError as e:
        print(str(e))
    for i in range(10):
        print(f"Work in [{i}]")
        time.sleep(0.5)


if __name__ == "__main__":
    Process(target=work, daemon=True).start()
    time.sleep(2)
    print("主进程结束!")
