# wrong: the sleeps taken out of cook and wash ("they only slow it down")
# fails: sleeps
# says: after its 1st `做饭...` line, process cook
# says: did not sleep before its next line
# says: time.sleep(0.5)
import multiprocessing


def cook(num):
    for _ in range(num):
        print("做饭...")


def wash(num):
    for _ in range(num):
        print("洗衣服...")


if __name__ == "__main__":
    cook_process = multiprocessing.Process(target=cook, args=(2,))
    wash_process = multiprocessing.Process(target=wash, kwargs={"num": 5})
    cook_process.start()
    wash_process.start()
    cook_process.join()
    wash_process.join()
