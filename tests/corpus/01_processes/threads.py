# wrong: threads instead of processes
# fails: cook_and_wash_in_children
# says: ran in thread
# says: a thread shares its process with main
# says: Use multiprocessing.Process instead of threading.Thread
import threading
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
    cook_thread = threading.Thread(target=cook, args=(2,))
    wash_thread = threading.Thread(target=wash, kwargs={"num": 5})
    cook_thread.start()
    wash_thread.start()
    cook_thread.join()
    wash_thread.join()
