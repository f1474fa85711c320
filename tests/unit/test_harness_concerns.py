"""The harness's concerns, each on its own, inside this process: nothing is
patched (no concern's install() runs here); records go to a file of the test's."""
import ast
import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest

from grader.harness import _katas_harness as harness
from grader.harness._katas_harness import (amplifier, core, events, limits, locks, output, pools,
                                           queues, schema, semaphores, signals, stacks, timing,
                                           values)

PACKAGE = Path(harness.__file__).parent


@pytest.fixture
def records(tmp_path, monkeypatch):
    """The records the harness writes from here on, as a function that reads
    them; this file is the student's."""
    trace = tmp_path / "trace.jsonl"
    monkeypatch.setenv("GRADER_TRACE", str(trace))
    monkeypatch.setenv("GRADER_STUDENT_FILE", __file__)
    monkeypatch.setenv("GRADER_STACKS", str(tmp_path))
    core.install()
    monkeypatch.setattr(core, "student_files", {})
    yield lambda *kinds: [r for r in map(json.loads, trace.read_text().splitlines())
                          if not kinds or r["ev"] in kinds]
    os.close(core.fd)


def test_a_call_from_the_student_s_file_has_its_line(records):
    def harness_side():  # as a patched function: its caller's caller is asked
        return core.caller_in_student()
    here = sys._getframe().f_lineno + 1
    got = harness_side()
    assert got == {"line": here, "func": "test_a_call_from_the_student_s_file_has_its_line"}
    assert core.is_student(__file__) and not core.is_student(threading.__file__)


def test_a_function_is_named_as_the_student_wrote_it():
    import functools
    assert core.name_of(functools.partial(test_a_function_is_named_as_the_student_wrote_it, 1)) \
        == "test_a_function_is_named_as_the_student_wrote_it"
    assert core.short("x" * 500).endswith("...") and len(core.short("x" * 500)) == 200


def test_records_are_json_lines_with_who_and_when(records):
    core.emit("sleep", secs=1, at=None)
    rec, = records()
    assert set(schema.COMMON) <= set(rec) and rec["thread"] == threading.current_thread().name


def test_a_long_output_keeps_its_end_and_says_what_it_left_out(records, monkeypatch):
    monkeypatch.setattr(output, "budget", 1000)
    monkeypatch.setattr(output, "tail_budget", 200)
    output.reset()
    out = output.TracedStream(io.StringIO(), "stdout")
    for i in range(200):
        out.write("line %d\n" % i)
    out.write("the answer is 42\n")
    output.flush_tails()
    texts = [r["text"] for r in records("write")]
    gap, = records("text_gap")
    assert texts[0] == "line 0\n" and texts[-1] == "the answer is 42\n"
    assert gap["lines"] > 0 and "line 100\n" not in texts
    assert gap["chars"] + sum(map(len, texts)) == len(out._stream.getvalue())


def test_a_sleep_is_scaled_and_recorded_with_its_line(records, monkeypatch):
    slept = []
    monkeypatch.setattr(timing, "real_sleep", slept.append)
    monkeypatch.setattr(core, "scale", 0.01)
    def student_sleeps():
        timing.sleep(2)
    student_sleeps()
    rec, = records("sleep")
    assert slept == [0.02] and rec["secs"] == 2 and rec["at"]["func"] == "student_sleeps"


def test_a_print_or_sleep_looks_into_sys_modules_only_in_a_file_that_names_asyncio(
        records, monkeypatch):
    """On a free-threaded 3.13 a thread's first look into sys.modules takes its
    lock: a daemon thread that printed while main shut down stalled there for
    ever, holding it, and main's shutdown with it."""
    looked = []

    class Modules(dict):
        def get(self, *args):
            looked.append(args)
            return None

    monkeypatch.setattr(core, "sys", type("Sys", (), {"modules": Modules(),
                                                       "_getframe": sys._getframe}))
    monkeypatch.setattr(timing, "real_sleep", lambda secs: None)
    output.reset()
    out = output.TracedStream(io.StringIO(), "stdout")
    for source in (b"import threading", b"import asyncio"):
        monkeypatch.setattr(core, "source", source)
        out.write("line\n")
        timing.sleep(0)
        assert len(looked) == (0 if source == b"import threading" else 2)


def test_the_fork_budget_refuses_the_fork_past_it(records, tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "forks_path", str(tmp_path / "forks"))
    monkeypatch.setattr(limits, "max_procs", 2)
    def fork():  # as limits.fork would call it
        limits.take_fork_budget()
    fork()
    fork()
    with pytest.raises(BlockingIOError):
        fork()
    rec, = records("fork_refused")
    assert rec["limit"] == 2


def test_a_signal_to_the_grader_is_refused(records, monkeypatch):
    sent = []
    monkeypatch.setattr(signals, "grader_pid", 999999)
    monkeypatch.setattr(signals, "orig_os_kill", lambda pid, sig: sent.append(pid))
    with pytest.raises(PermissionError):
        signals.kill(999999, 15)
    with pytest.raises(PermissionError):
        signals.kill(-1, 9)
    signals.kill(12345, 0)
    assert sent == [12345]
    assert [r["target"] for r in records("kill_refused")] == [999999, -1]
    assert [r["target"] for r in records("kill_sent")] == [12345]


def test_a_lock_counts_who_took_it_and_records_the_order(records):
    first, then = locks.TracedLock({"line": 1, "func": "f"}), locks.TracedLock({"line": 2, "func": "f"})
    with first:
        with then:
            assert then.owner[1] == threading.current_thread().name
    assert first.owner is None and not first.locked()
    name = threading.current_thread().name
    assert first.acquired == {name: 1}
    order, = records("lock_order")
    assert (order["first"], order["then"]) == (first.number, then.number)
    assert locks.lock_counts_of(threading.get_ident(), name)["max_held"] == 2


class Blocked:
    """A thread that stays alive (blocked) until stop()."""

    def __init__(self, name):
        self.go = threading.Event()
        self.thread = threading.Thread(target=self.go.wait, name=name, daemon=True)
        self.thread.start()

    def stop(self):
        self.go.set()
        self.thread.join()


def test_the_detector_sees_a_cycle_of_waits_and_only_a_cycle():
    """This thread is about to wait for l2, which B holds; B waits for l1,
    which this thread holds: a cycle, until either lets go."""
    me, b = threading.current_thread(), Blocked("B")
    try:
        l1, l2 = locks.TracedLock({"line": 1, "func": "f"}), locks.TracedLock({"line": 2, "func": "f"})
        at = {"line": 9, "func": "g"}
        l1.owner = (me.ident, me.name, at, me)
        l2.owner = (b.thread.ident, "B", at, b.thread)
        with locks.registry:
            locks.waiting[me.ident] = (l2, at)
            assert locks.wait_cycle(me.ident) is None  # B waits for nobody
            locks.waiting[b.thread.ident] = (l1, at)
            cycle = locks.wait_cycle(me.ident)
            l1.owner = None  # this thread let go of l1
            gone = locks.wait_cycle(me.ident)
            del locks.waiting[me.ident], locks.waiting[b.thread.ident]
        assert [(c["thread"], c["holder"]) for c in cycle] == [(me.name, "B"), ("B", me.name)]
        assert gone is None
    finally:
        b.stop()


def test_a_lock_held_by_a_thread_that_ended_is_a_deadlock_of_the_waiter():
    a, ended = Blocked("A"), Blocked("ended")
    ended.stop()
    try:
        lock = locks.TracedLock({"line": 1, "func": "f"})
        lock.owner = (ended.thread.ident, "ended", None, ended.thread)
        with locks.registry:
            locks.waiting[a.thread.ident] = (lock, None)
            cycle = locks.wait_cycle(a.thread.ident)
            del locks.waiting[a.thread.ident]
        assert cycle[-1]["holder_ended"] is True
    finally:
        a.stop()


def test_a_semaphore_of_the_file_records_waits_and_releases(records):
    sem = semaphores.BoundedSemaphore(1)
    sem.acquire()
    got = []
    t = threading.Thread(target=lambda: got.append(sem.acquire()))
    t.start()
    while not sem._cond._waiters:
        timing.real_sleep(0.001)
    sem.release()
    t.join()
    sem.release()
    with pytest.raises(ValueError):
        sem.release()
    assert [r["waited"] for r in records("sem_acquire")] == [False, True]
    assert len(records("sem_release")) == 2 and records("sem_made")[0]["value"] == 1


def test_the_events_each_thread_looked_at_are_counted(records):  # this file is the student's
    shared, own = threading.Event(), threading.Event()
    def student_looks():
        for _ in range(3):
            events.event_is_set(shared)
        events.event_wait(own, 0)
    student_looks()
    looks = events.looks_of(threading.get_ident())["looks"]
    assert sorted((l["how"], l["count"]) for l in looks) == [("is_set", 3), ("wait", 1)]


def test_writes_to_a_value_are_summed_over_threads(records):
    values.value_writes.update({1: {("v", "f", 3, ()): 2}, 2: {("v", "f", 3, ()): 5}})
    values.emit_value_writes()
    rec, = records("value_writes")
    assert rec["writes"] == [{"value": "v", "func": "f", "line": 3, "locks": [], "count": 7}]


def test_the_amplifier_finds_every_write_to_a_global_or_attribute():
    source = "def f(a):\n    global g\n    g = 1\n    a.balance = 2\n    x = 3\n"
    code = compile(source, "student.py", "exec").co_consts[0]
    assert sorted(amplifier.stores_of(code).values()) == [(".balance", 4), ("g", 3)]


def emitted():
    """(kind, keyword fields, file) of every emit(...) in the harness's source."""
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(
                    node.func, "attr", None)) == "emit" and node.args and isinstance(
                    node.args[0], ast.Constant):
                yield node.args[0].value, {k.arg for k in node.keywords if k.arg}, path.name


def test_the_harness_emits_only_what_the_schema_describes():
    kinds = set()
    for kind, fields, where in emitted():
        assert kind in schema.EVENTS, "%s emits %r, which schema.py does not describe" % (where, kind)
        assert fields <= set(schema.EVENTS[kind]), (where, kind, fields - set(schema.EVENTS[kind]))
        kinds.add(kind)
    written = {"text_gap", "write"}  # output.flush_tails writes these records itself
    assert set(schema.EVENTS) - kinds - written == set(), "described but never emitted"


def spinner(cpu):
    """A process spinning on CPU CPU only (Linux's affinity), once it has said so
    (on a loaded machine a Python can take seconds to start)."""
    import subprocess
    proc = subprocess.Popen([sys.executable, "-c", "import os; os.sched_setaffinity(0, {%d})\n"
                             "print(flush=True)\nwhile True: pass" % cpu], stdout=subprocess.PIPE)
    proc.stdout.readline()
    return proc


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or timing.queued(os.getpid()) is None,
                    reason="needs Linux's affinity and /proc/PID/schedstat")
def test_waiting_for_a_process_to_begin_does_not_count_the_time_others_held_it_back():
    # A process that is starting, on a busy machine, waits for a CPU: that time
    # is not the program's, and must not use up the patience of the wait (a
    # plain 10 s cap let main end before its spawned daemon had begun).
    cpu = sorted(os.sched_getaffinity(0))[0]
    held, other = spinner(cpu), spinner(cpu)  # two on one CPU: each is held back half the time
    try:
        for _ in range(1000):  # until both spin on that CPU
            if (timing.queued(held.pid) or 0) >= 0.05:
                break
            timing.real_sleep(0.01)
        else:
            pytest.skip("this system counts no waits for a CPU")
        waited_before, began = timing.queued(held.pid), timing.monotonic()
        timing.wait_until(lambda: False, [held.pid], patience=0.5)
        elapsed = timing.monotonic() - began
        held_back = timing.queued(held.pid) - waited_before
    finally:
        for proc in (held, other):
            proc.kill()
            proc.wait()
            proc.stdout.close()
    assert held_back > 0.2, "the other spinner did not share the CPU"
    assert elapsed - held_back >= 0.5 * 0.9, "the wait gave up before 0.5 s of its own time"


def test_a_wait_where_the_system_tells_nothing_is_of_plain_time():
    began = timing.monotonic()
    timing.wait_until(lambda: False, [2 ** 22 + 12345], patience=0.2)  # no such process
    assert timing.monotonic() - began >= 0.2


def test_a_queue_of_the_file_records_what_was_put_and_got(records):
    import multiprocessing
    import multiprocessing.queues as mpq
    import queue as queue_module
    traced = type("TracedQueue", (mpq.Queue,), {
        "__init__": queues.traced_init(mpq.Queue.__init__),
        "put": queues.traced_put(mpq.Queue.put),
        "get": queues.traced_get(mpq.Queue.get, True),
        "empty": queues.traced_probe(mpq.Queue.empty, "empty")})
    q = traced(ctx=multiprocessing.get_context())
    try:
        q.put(3)
        assert q.get() == 3
        with pytest.raises(queue_module.Empty):
            q.get(timeout=0.01)
        q.empty()
    finally:
        q.close()
        q.join_thread()
    made, = records("queue_made")
    got = [(r["ev"], r.get("item")) for r in records("queue_put", "queue_get", "queue_empty")]
    assert got == [("queue_put", "3"), ("queue_get", "3"), ("queue_empty", None)]
    assert {r["queue"] for r in records("queue_put", "queue_get", "queue_probe")} == \
        {made["queue"]}
    assert records("queue_empty")[0]["timeout"] == 0.01  # the program's, not the scaled one
    assert records("queue_probe")[0]["result"] is True


def test_a_pool_task_records_its_begin_and_its_end_or_error(records):
    def boom():
        raise KeyError("x")
    pools.PoolTask(lambda a: a * 2, "p", 0, "double")(21)
    with pytest.raises(KeyError):
        pools.PoolTask(boom, "p", 1, "boom")()
    got = [(r["ev"], r["task"], r.get("error")) for r in records()]
    assert got == [("pool_task_begin", 0, None), ("pool_task_end", 0, None),
                   ("pool_task_begin", 1, None), ("pool_task_end", 1, "KeyError: 'x'")]


def test_a_stack_dump_names_its_last_thread_first_and_is_whole_once_that_one_is_in(
        records, tmp_path):
    import faulthandler
    import signal
    from grader.run.runner import dump_is_whole
    stacks.register()
    path = tmp_path / ("stacks-%d.txt" % os.getpid())
    try:
        assert path.read_text() == "main thread 0x%016x\n\n" % threading.get_ident()
        assert not dump_is_whole(path)
        with open(path, "a") as f:  # a dump cut after another thread's header
            f.write("Thread 0x%016x (most recent call first):\n" % (threading.get_ident() + 1))
        assert not dump_is_whole(path)
        os.kill(os.getpid(), signal.SIGUSR1)  # faulthandler writes before kill returns
        assert dump_is_whole(path)
        assert "Current thread 0x%016x" % threading.get_ident() in path.read_text()
    finally:
        faulthandler.unregister(signal.SIGUSR1)
