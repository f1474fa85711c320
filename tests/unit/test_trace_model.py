"""The typed trace model and the relations the suites share, on traces written
here: every event kind is a type of its own with the schema's fields, places
are Locations, and every time is in the program's own seconds."""
import dataclasses
import json

import pytest

from grader.trace import events, relations
from grader.harness._katas_harness import schema
from grader.trace.model import read_run

SOURCE = "import threading\nlock = threading.Lock()\nwith lock:\n    print('hi')\n"


def ev(t, kind, pid=100, tid=1, thread="MainThread", **fields):
    return dict(ev=kind, t=t, pid=pid, tid=tid, thread=thread, **fields)


def traced(tmp_path, records, scale=0.5):
    """The Run of RECORDS (the harness's clock starts at 10.0), SOURCE its file."""
    (tmp_path / "prog.py").write_text(SOURCE, encoding="utf-8")
    with open(tmp_path / "trace.jsonl", "w", encoding="utf-8") as f:
        for r in [ev(10.0, "interp")] + records:
            f.write(json.dumps(r) + "\n")
    return read_run(tmp_path, file=tmp_path / "prog.py", main_pid=100, exit_code=0,
                    timed_out=False, deadline=10, elapsed=1, start_method="fork", scale=scale,
                    leftovers=[])


def test_every_kind_is_a_type_with_the_schema_s_fields():
    for kind, names in schema.EVENTS.items():
        cls = events.TYPES[kind]
        own = [f.name for f in dataclasses.fields(cls)]
        assert own[:5] == ["ev", "t", "pid", "thread", "tid"]
        assert set(own[5:]) == set(names) - set(schema.COMMON), kind
    with pytest.raises(AttributeError):
        events.TYPES["sleep"](ev="sleep", t=0, pid=1).holder  # a field sleep does not have


def test_places_are_locations_and_times_are_the_program_s_seconds(tmp_path):
    run = traced(tmp_path, [
        ev(10.5, "lock_wait", lock=0, lock_at={"line": 2, "func": "<module>"}, holder="T",
           holder_at={"line": 3, "func": "<module>"}, at={"line": 3, "func": "<module>"}),
        ev(11.0, "thread_join", name="T", began=10.5, alive=False, at=None),
        ev(11.0, "lock_order", first=0, then=1, first_at={"line": 3, "func": "<module>"}),
        ev(12.0, "exit", globals={}, stores=[{"name": "n", "func": "f", "line": 4, "locks": [],
                                             "count": 2}],
           polls=[{"what": "is_alive", "count": 3, "at": {"line": 4, "func": "f"},
                   "first": 10.5, "last": 11.0}],
           locks=[{"number": 0, "at": {"line": 2, "func": "<module>"}, "creator": "MainThread",
                   "acquired": {"T": 1}, "times": {"T": [10.5, 11.0]}, "refused": {}},
                  {"more": 60}]),
    ])
    wait, = run.events_of("lock_wait")
    assert isinstance(wait, events.LockWait) and wait.t == 1.0  # (10.5 - 10.0) / 0.5
    assert wait.lock_at == events.Location(2, "<module>", "lock = threading.Lock()")
    assert str(wait.at) == "line 3 (`with lock:`)" and wait.at.in_func == "line 3 in <module>"
    join, = run.events_of("thread_join")
    assert join.began == 1.0 and join.at is None and events.where(join.at) == \
        "a line outside your file"
    assert run.main_stores[0].at.code == "print('hi')" and run.main_stores[0].count == 2
    assert (run.main_polls[0].first, run.main_polls[0].last) == (1.0, 2.0)
    lock, = run.locks  # the record that only counts the locks left out is no lock
    assert isinstance(lock, events.LockMade) and lock.times == {"T": [1.0, 2.0]}
    assert run.locks_unlisted == 60
    order, = run.events_of("lock_order")  # its first is a lock's number, not a time
    assert (order.first, order.then, order.first_at.line, order.then_at) == (0, 1, 3, None)
    assert run.main.ended == 4.0


def test_a_write_of_the_event_loop_outside_a_task_is_told_from_a_plain_one(tmp_path):
    run = traced(tmp_path, [ev(10.1, "write", stream="stdout", text="a\n", task=None),
                            ev(10.2, "write", stream="stdout", text="b\n"),
                            ev(10.3, "write", stream="stdout", text="c\n", task="cook")])
    assert [(l.text, l.in_event_loop) for l in run.lines] == [("a", True), ("b", False),
                                                               ("c", True)]


def test_a_kind_the_schema_does_not_describe_is_an_error_not_an_empty_list(tmp_path):
    run = traced(tmp_path, [])
    with pytest.raises(KeyError):
        run.events_of("lock_waits")


def test_relations(tmp_path):
    run = traced(tmp_path, [
        ev(10.0, "proc_started", child=101, at={"line": 2, "func": "<module>"}),
        ev(10.2, "proc_begin", pid=101, target="a", starter=100),
        ev(10.3, "write", pid=101, stream="stdout", text="a1\n"),
        ev(10.35, "sleep", pid=101, secs=0.1, at={"line": 4, "func": "a"}),
        ev(10.4, "write", pid=101, stream="stdout", text="a2\n"),
        ev(10.5, "proc_end", pid=101, exitcode=0),
        ev(10.6, "proc_join", child=101, began=10.1, exitcode=0, at={"line": 3, "func": "m"}),
        ev(10.7, "proc_started", child=102, at={"line": 2, "func": "<module>"}),
        ev(10.8, "proc_begin", pid=102, target="b", starter=100),
    ], scale=1.0)
    a, b = run.proc(101), run.proc(102)
    assert not relations.ran_together(a, b) and relations.ran_together(run.main, b)
    join = relations.waited_before_starting(run, 101, 102)
    assert join is not None and join.at.line == 3
    assert relations.waited_before_starting(run, 102, 101) is None
    first, second = a.lines
    sleeps = relations.sleeps_after(run, first)
    assert [e.secs for e in sleeps] == [0.1] and relations.sleeps_after(run, second) == []
    assert relations.slept_too_little(sleeps, 0.5) == \
        "slept only 0.1 s (`print('hi')` at line 4)"
    assert relations.slept_too_little([], 0.5) == "did not sleep"
    assert relations.slept_too_little(sleeps, 0.1) is None
    assert relations.still_running(0.6, [a, b]) == [b]
