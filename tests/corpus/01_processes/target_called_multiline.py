# wrong: target=wash(num=5) inside a Process(...) written over several lines
# fails: cook_and_wash_in_children
# says: wash ran in the main process
# says: `target=wash(num=5)` at line 25 (`target=wash(num=5),`) calls wash right away, in main
import multiprocessing
import time


def cook(num):
    for _ in range(num):
        print("做饭...")
        time.sleep(0.5)


def wash(num):
    for _ in range(num):
        print("洗衣服...")
        time.sleep(0.5)


if __name__ == "__main__":
    cook_process = multiprocessing.Process(target=cook, args=(2,))
    cook_process.start()
    wash_process = multiprocessing.Process(
        target=wash(num=5),
        name="wash",
    )
    wash_process.start()
    cook_process.join()
    wash_process.join()
