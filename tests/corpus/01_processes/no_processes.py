# wrong: the stub left as it is: cook and wash called one after the other in main
# fails: cook_and_wash_in_children
# says: cook ran in the main process
# says: no multiprocessing.Process ran it
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
    cook(2)
    wash(5)
