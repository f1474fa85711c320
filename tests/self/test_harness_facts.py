"""The facts the harness records for queues, executors, lock order and deadlocks,
and shared values: each is checked on a program that shows it and on one that
must not, under every start method where processes are involved."""
import glob
import textwrap

import pytest

from grader.run import runner
from grader.run.runner import run_program

METHODS = ["fork", "spawn", "forkserver"]


def program(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


PIPELINE = """\
    import multiprocessing, queue, time

    def producer(q):
        for i in range(5):
            q.put(i)
            time.sleep(0.1)
        q.put_nowait(None)

    def consumer(q):
        while q.get() is not None:
            pass
        try:
            q.get(timeout=2)
        except queue.Empty:
            pass

    if __name__ == "__main__":
        q = multiprocessing.Queue()
        ps = [multiprocessing.Process(target=f, args=(q,)) for f in (producer, consumer)]
        for p in ps: p.start()
        for p in ps: p.join()
    """


@pytest.mark.parametrize("method", METHODS)
def test_queue_puts_and_gets(method, tmp_path):
    run = run_program(program(tmp_path, "pipeline.py", PIPELINE), start_method=method, scale=0.2)
    assert run.exit_code == 0, run.stderr
    made = run.events_of("queue_made")
    puts, gets = run.events_of("queue_put"), run.events_of("queue_get")
    assert len(made) == 1 and made[0].pid == run.main_pid
    # one name for the queue in all three processes, put_nowait included
    assert {e.queue for e in puts + gets} == {made[0].queue}
    assert [e.item for e in puts] == ["0", "1", "2", "3", "4", "None"]
    assert [e.item for e in gets] == [e.item for e in puts]
    assert len({e.pid for e in puts} | {e.pid for e in gets}) == 2
    for put, got in zip(puts, gets):  # recorded before the put: never after its get
        assert put.t < got.t
    empty = run.events_of("queue_empty")
    assert len(empty) == 1 and empty[0].timeout == 2 and empty[0].at.func == "consumer"
    # the 2 s timeout ran as a scaled one: 2 s of the program's own (0.4 s on the clock);
    # an unscaled one would take at least 2 s on the clock, 10 s of the program's (the
    # bound leaves a loaded machine 1.6 s to wake the consumer)
    assert empty[0].t - gets[-1].t < 10


CHUNKS = """\
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    def busy(n):
        return sum(i * i for i in range(n))

    if __name__ == "__main__":
        with ProcessPoolExecutor(max_workers=2) as pool:
            print(sum(pool.map(busy, [2000000, 2000000])))
        with ThreadPoolExecutor(2) as pool:
            print(pool.submit(busy, 10).result())
    """


def intervals(run, pool):
    begun = {e.task: e for e in run.events_of("pool_task_begin") if e.pool == pool}
    ended = {e.task: e for e in run.events_of("pool_task_end") if e.pool == pool}
    return [(begun[k].pid, begun[k].t, ended[k].t) for k in sorted(begun)]


@pytest.mark.parametrize("method", METHODS)
def test_pool_tasks_run_in_their_workers(method, tmp_path):
    """A process pool's chunks are recorded in its worker processes and a thread
    pool's task in a thread of main, under every start method.  Under fork the
    pool starts both workers with its first chunk, and that chunk waits until
    both are running (before it waited, a fast first worker could take every
    chunk while its sibling was still starting); which worker then takes which
    chunk is the scheduler's choice, not a fact to assert."""
    for _ in range(2):
        run = run_program(program(tmp_path, "chunks.py", CHUNKS), start_method=method)
        assert run.exit_code == 0, run.stderr
        pools = run.events_of("pool_made")
        assert [(p.kind, p.max_workers) for p in pools] == [("process", 2), ("thread", 2)]
        submits = run.events_of("pool_submit")
        assert [(s.fn, s.items) for s in submits] == [("busy", 1)] * 3
        chunks = intervals(run, pools[0].pool)
        workers = {p.pid: p for p in run.children()}
        assert len(chunks) == 2 and all(pid in workers and begin < end
                                        for pid, begin, end in chunks), (chunks, workers)
        if method == "fork":
            first = min(begin for _, begin, _ in chunks)
            assert len(workers) == 2 and all(p.began <= first for p in workers.values())
        (t_pid, _, _), = intervals(run, pools[1].pool)
        thread_task = run.events_of("pool_task_begin")[-1]
        assert t_pid == run.main_pid and thread_task.thread.startswith("ThreadPoolExecutor")


TRANSFER = """\
    import threading

    a_lock = threading.Lock()
    b_lock = threading.Lock()

    def transfer(first, second):
        for _ in range(1000):
            with first:
                with second:
                    pass

    if __name__ == "__main__":
        t1 = threading.Thread(target=transfer, args=(a_lock, b_lock))
        t2 = threading.Thread(target=transfer, args=({second}, {first}))
        t1.start(); t2.start(); t1.join(); t2.join()
        print("done")
    """


def test_inverted_lock_order_deadlocks_and_is_stopped_at_once(tmp_path):
    path = program(tmp_path, "inverted.py", TRANSFER.replace("({second}, {first})", "(b_lock, a_lock)"))
    for _ in range(3):
        run = run_program(path, amplify=0.05, deadline=30)
        assert run.deadlock and not run.timed_out  # the detector ended it, not the deadline
        assert sorted(step.waits_for for step in run.deadlock) == [0, 1]
        for step in run.deadlock:
            assert step.holder != step.thread and step.at.line == 9
            assert step.holder_at.line == 8
        assert {(e.first, e.then) for e in run.events_of("lock_order")} <= {(0, 1), (1, 0)}


def test_consistent_lock_order_never_deadlocks(tmp_path):
    path = program(tmp_path, "ordered.py", TRANSFER.replace("({second}, {first})", "(a_lock, b_lock)"))
    for _ in range(3):
        run = run_program(path, amplify=0.05)
        assert run.exit_code == 0 and run.deadlock is None and run.lines[-1].text == "done"
        assert {(e.first, e.then) for e in run.events_of("lock_order")} == {(0, 1)}
        assert [t.max_held for t in run.threads] == [2, 2]
        assert [t.locks for t in run.threads] == [{"0": 1000, "1": 1000}] * 2



CHURN = """\
    import threading, time

    lock = threading.Lock()
    total = 0

    def work():
        global total
        with lock:
            time.sleep(0.001)
            total += 1

    if __name__ == "__main__":
        threads = [threading.Thread(target=work) for _ in range(20)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(total)
    """


def test_a_holder_that_lets_go_and_ends_is_no_deadlock(tmp_path, monkeypatch):
    """The detector pauses 20 ms after reading each holder: while it reads, the
    holder may release its lock and end.  Reading the holder's fields one by one
    (the detector before) then saw 'a lock whose holder has ended' in 5 of 5 runs;
    a wait-for cycle is only ever reported if it holds when it is seen."""
    environment = runner.run_environment
    monkeypatch.setattr(runner, "run_environment", lambda *a, **k: dict(
        environment(*a, **k), GRADER_DETECTOR_PAUSE="0.02"))
    path = program(tmp_path, "churn.py", CHURN)
    for _ in range(3):
        run = run_program(path)
        assert run.deadlock is None and run.exit_code == 0 and run.lines[-1].text == "20"
        assert sum(run.locks[0].acquired.values()) == 20


def test_a_lock_made_for_the_student_by_generated_code_is_theirs(tmp_path):
    """A dataclass field with default_factory=threading.Lock makes the lock in an
    __init__ that Python generated: it is the student's lock all the same; the
    lock inside a threading.Event is not."""
    path = program(tmp_path, "account.py", """\
        import threading
        from collections import defaultdict
        from dataclasses import dataclass, field

        @dataclass
        class Account:
            balance: int = 0
            lock: threading.Lock = field(default_factory=threading.Lock)

        if __name__ == "__main__":
            account, locks, done = Account(), defaultdict(threading.Lock), threading.Event()
            with account.lock, locks["x"]:
                account.balance += 1
            done.set()
        """)
    run = run_program(path)
    assert run.exit_code == 0, run.stderr
    assert [(l.at.line, l.acquired) for l in run.locks] == [
        (11, {"MainThread": 1}), (12, {"MainThread": 1})]


def test_threads_end_while_another_makes_locks(tmp_path):
    """A thread that ends counts its acquisitions in every lock the file made,
    while another thread still makes locks (08's wrong program that makes two
    locks per transfer): a lock half made must not cost a thread its record."""
    path = program(tmp_path, "many_locks.py", """\
        import sys, threading
        sys.setswitchinterval(1e-6)
        made, stop = [], False

        def maker():
            while not stop and len(made) < 20000:
                made.append(threading.Lock())

        def taker():
            with threading.Lock():
                pass

        if __name__ == "__main__":
            m = threading.Thread(target=maker)
            m.start()
            for i in range(100):
                t = threading.Thread(target=taker)
                t.start()
                t.join()
            stop = True
            m.join()
        """)
    run = run_program(path, deadline=60)
    assert run.exit_code == 0 and not run.stderr, run.stderr[-2000:]
    assert len(run.threads) == 101 and all(t.ended is not None for t in run.threads)
    assert all(t.max_held == 1 for t in run.threads if t.target == "taker")


def test_events_looked_at_and_locks_given_up(tmp_path):
    path = program(tmp_path, "looks.py", """\
        import threading, time

        stop = threading.Event()
        lock = threading.Lock()
        tries = [0, 0]  # refused, taken

        def worker():
            mine = threading.Event()
            while not stop.is_set():
                mine.wait(0.01)
                if lock.acquire(blocking=False):
                    lock.release()
                    tries[1] += 1
                else:
                    tries[0] += 1

        if __name__ == "__main__":
            t = threading.Thread(target=worker)
            with lock:
                t.start()
                time.sleep(0.2)
                while tries[0] < 6:  # however slowly a loaded machine runs the worker
                    pass
            time.sleep(0.2)
            while tries[1] < 6:
                pass
            stop.set()
            t.join()
        """)
    run = run_program(path)
    assert run.exit_code == 0, run.stderr
    made = {e.at.line: e.event for e in run.events_of("event_made")}
    assert sorted(made) == [3, 8]
    worker, = run.threads
    seen = {(l.event, l.how): l for l in worker.looks}
    assert set(seen) == {(made[3], "is_set"), (made[8], "wait")}
    assert seen[(made[3], "is_set")].at.line == 9 and seen[(made[3], "is_set")].count > 5
    assert run.main_looks == []  # Thread's own Events are not the student's
    name = worker.name
    lock, = run.locks
    assert lock.refused[name] > 5 and lock.acquired[name] > 5  # given up while main held it
    first, last = lock.times[name]
    main_first, main_last = lock.times["MainThread"]
    assert main_first == main_last < first < last
    assert [e.secs for e in run.events_of("sleep")] == [0.2, 0.2]


def test_questions_about_threads_are_counted_per_line(tmp_path):
    path = program(tmp_path, "polls.py", """\
        import threading, time

        def worker():
            time.sleep(0.2)
            threading.enumerate()

        if __name__ == "__main__":
            ts = [threading.Thread(target=worker) for _ in range(2)]
            for t in ts:
                t.start()
                while threading.active_count() > 2:
                    pass
            while any(t.is_alive() for t in ts):
                time.sleep(0.01)
            for t in ts:
                t.join()
        """)
    run = run_program(path)
    assert run.exit_code == 0, run.stderr
    main = {(p.what, p.at.line): p for p in run.main_polls}
    assert set(main) == {("active_count", 11), ("is_alive", 13)}
    counted = main[("active_count", 11)]
    assert counted.count >= 2 and counted.first < counted.last  # once a start, at least
    asked = main[("is_alive", 13)]
    assert asked.count >= 1 and counted.last < asked.first <= asked.last
    for worker in run.threads:  # join() and Thread's own is_alive calls are not the student's
        assert [(p.what, p.at.line, p.count) for p in worker.polls] == [
            ("enumerate", 5, 1)]


COUNTER = """\
    import multiprocessing

    def work(v):
        for _ in range(100):
            with v.get_lock():
                v.value += 1
        own = multiprocessing.Lock()
        with own:
            v.value += 1
        v.value += 1

    if __name__ == "__main__":
        v = multiprocessing.Value("i", 5)
        v.value = 0
        ps = [multiprocessing.Process(target=work, args=(v,)) for _ in range(2)]
        for p in ps: p.start()
        for p in ps: p.join()
        print(v.value)
    """


@pytest.mark.parametrize("method", METHODS)
def test_value_writes_and_the_locks_held(method, tmp_path):
    run = run_program(program(tmp_path, "counter.py", COUNTER), start_method=method, amplify=0.05)
    assert run.exit_code == 0, run.stderr
    made, = run.events_of("value_made")
    assert made.typecode == "i" and made.lock is True
    reports = run.events_of("value_writes")
    children = [e for e in reports if e.pid != run.main_pid]
    assert sorted(e.pid for e in children) == sorted(p.pid for p in run.children())
    main, = [e for e in reports if e.pid == run.main_pid]  # main's write, reported once
    assert [(w.line, w.count) for w in main.writes] == [(14, 1)]
    reports = children
    own_locks = []
    for e in reports:
        by_line = {w.line: w for w in e.writes}
        assert set(by_line) == {6, 9, 10} and all(w.value == made.value for w in e.writes)
        assert by_line[6].locks == [made.value] and by_line[6].count == 100
        assert by_line[10].locks == [] and by_line[10].count == 1
        own_locks += by_line[9].locks
    # a lock made in each process is a lock of its own: the two names differ
    assert len(own_locks) == 2 and len(set(own_locks)) == 2 and made.value not in own_locks


def test_every_kind_of_queue_is_recorded(tmp_path):
    path = program(tmp_path, "kinds.py", """\
        import multiprocessing

        if __name__ == "__main__":
            for q in (multiprocessing.JoinableQueue(), multiprocessing.SimpleQueue()):
                q.put(1)
                print(q.get())
            j = multiprocessing.JoinableQueue()
            j.put_nowait(2)
            print(j.get(timeout=30))
            print(j.empty(), j.qsize())
        """)
    run = run_program(path)
    assert run.exit_code == 0, run.stderr
    assert [e.cls for e in run.events_of("queue_made")] == ["JoinableQueue", "SimpleQueue",
                                                               "JoinableQueue"]
    assert [(e.item, e.at.line) for e in run.events_of("queue_put")] == [
        ("1", 5), ("1", 5), ("2", 8)]
    assert [(e.item, e.at.line) for e in run.events_of("queue_get")] == [
        ("1", 6), ("1", 6), ("2", 9)]
    assert [(e.method, e.result) for e in run.events_of("queue_probe")] == [
        ("empty", True), ("qsize", 0)]


def test_a_subinterpreter_runs_without_the_harness(tmp_path):
    """3.14's concurrent.interpreters (here 3.13's private _interpreters) imports
    site in each subinterpreter: the harness stays out of it, and says nothing."""
    python = next(iter(sorted(glob.glob("/root/.pyenv/versions/3.13.*/bin/python3"))), None)
    if python is None:
        pytest.skip("no Python 3.13 here")
    path = program(tmp_path, "sub.py", """\
        import _interpreters
        print("main")
        _interpreters.run_string(_interpreters.create(), "print('sub')")
        """)
    run = run_program(path, python=python)
    assert run.exit_code == 0 and run.stderr == "" and run.stdout == "main\nsub\n"
    assert len(run.events_of("interp")) == 1



@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_the_harness_does_not_show_in_the_student_s_world(method, tmp_path):
    """What the harness replaces still behaves as what it replaces: time.sleep
    pickles (a program may hand it to a process pool), threading.Semaphore is a
    class that can be subclassed and checked with isinstance, a Condition on a
    lock of the file does not count its own peeks as acquisitions, and a
    process's target is named by its function, not a partial's repr."""
    path = program(tmp_path, "world.py", """\
        import functools, multiprocessing, threading, time
        from concurrent.futures import ProcessPoolExecutor

        class Gate(threading.BoundedSemaphore):
            pass

        def work(n):
            print("work", n)

        if __name__ == "__main__":
            with ProcessPoolExecutor(2) as pool:
                print(list(pool.map(time.sleep, [0.01, 0.01])))
            p = multiprocessing.Process(target=functools.partial(work, 2))
            p.start(); p.join()
            gate, lock = Gate(2), threading.Lock()
            print(isinstance(gate, threading.Semaphore), time.sleep.__name__)
            cond = threading.Condition(lock)
            with gate, cond:
                cond.notify()
        """)
    run = run_program(path, start_method=method)
    assert run.exit_code == 0, run.stderr
    assert [l.text for l in run.lines] == ["[None, None]", "work 2", "True sleep"]
    assert [p.target for p in run.children() if p.target != "_process_worker"] == ["work"]
    assert [e.ev for e in run.events if e.ev.startswith("sem_")] == [
        "sem_made", "sem_acquire", "sem_release"]
    assert run.locks[0].acquired == {"MainThread": 1}


def test_a_semaphore_acquire_says_whether_it_waited(tmp_path):
    """09 tells a thread that printed before it acquired whether it then waited
    for a place: each acquire of the file's semaphore records whether it found
    the semaphore full."""
    path = program(tmp_path, "gate.py", """\
        import threading

        sem, taken = threading.Semaphore(1), threading.Event()

        def second():
            taken.wait()
            with sem:
                pass

        if __name__ == "__main__":
            t = threading.Thread(target=second)
            t.start()
            sem.acquire()
            taken.set()
            while t.is_alive() and not sem._cond._waiters:
                pass
            sem.release()
            t.join()
            print(sem.acquire(blocking=False), sem.acquire(timeout=0.01))
        """)
    run = run_program(path)
    assert run.exit_code == 0, run.stderr
    assert run.lines[0].text == "True False"
    assert [(e.thread, e.waited) for e in run.events_of("sem_acquire")] == [
        ("MainThread", False), ("Thread-1 (second)", True), ("MainThread", False)]
