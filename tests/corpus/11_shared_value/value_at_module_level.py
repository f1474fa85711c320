# wrong: the Value is a module-level global the workers use without it being passed in
# fails: count_4000
# fails: four_processes
# says: main printed 0
# says: made one each
# says: imports your file again
# Under spawn and forkserver each child imports the file again and makes a Value of its own
import multiprocessing

counter = multiprocessing.Value("i", 0)


def work():
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    workers = [multiprocessing.Process(target=work) for _ in range(4)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print(counter.value)
