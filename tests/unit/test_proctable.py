"""grader/run/proctable.py: the process table every watched run shares."""
import os
import subprocess
import sys
import time

from grader.run import proctable

TABLE = {10: (1, {0}), 11: (10, {61000}), 12: (11, {61000}), 13: (1, {61001}), 14: (13, {0})}


def test_descendants_children_and_uids_of_a_table():
    assert proctable.descendants([10], TABLE) == {10, 11, 12}
    assert proctable.descendants(proctable.children_of(10, TABLE), TABLE) == {11, 12}
    assert sorted(proctable.children_of(1, TABLE)) == [10, 13]
    assert sorted(proctable.with_uid(61000, TABLE)) == [11, 12] and proctable.with_uid(7, TABLE) == []


def test_the_table_holds_live_processes_and_is_shared_for_a_moment(monkeypatch):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        monkeypatch.setattr(proctable, "_last", (float("-inf"), {}))
        now = proctable.table()
        assert now[child.pid][0] == os.getpid() and os.getuid() in now[child.pid][1]
        assert proctable.table() is now  # read again only after FRESH seconds
        time.sleep(proctable.FRESH + 0.05)
        child.kill()
        child.wait()
        assert child.pid not in proctable.table()
    finally:
        child.kill()


def test_what_is_left_of_a_run_is_looked_for_in_a_table_read_then(monkeypatch):
    """A process born after the shared table was read is in no shared table
    (for FRESH seconds), but the run's leftovers are looked for in a fresh one
    (here this process stands for the run's keeper, and its child for main)."""
    from grader.run.runner import processes_of
    monkeypatch.setattr(proctable, "FRESH", 60.0)
    proctable.table(shared=False)  # the shared table: read before the child below exists
    child = subprocess.Popen(["sleep", "30"])
    try:
        assert child.pid not in [p.pid for p in processes_of("none", os.getpid(), shared=True)]
        assert child.pid in [p.pid for p in processes_of("none", os.getpid(), shared=False)]
    finally:
        child.kill()
        child.wait()


def test_the_child_left_by_a_leftover_that_ended_while_seen_is_found_and_killed(monkeypatch):
    # fork, setsid, fork under load: the last look of the grace period sees only
    # the first fork, which has forked and ended by the time it is described.
    from grader.run import runner

    class Proc:
        def __init__(self, pid, cmdline):
            self.pid, self.cmdline = pid, cmdline

    first, waiter = Proc(11, "?"), Proc(12, "python -c WAITER")
    looks = [[waiter], []]  # after each kill, the run looked for again
    monkeypatch.setattr(runner, "settle", lambda *args: [first])
    monkeypatch.setattr(runner, "processes_of", lambda *args, **kwargs: looks.pop(0))
    monkeypatch.setattr(runner, "describe", lambda p: {"pid": p.pid, "cmdline": p.cmdline})
    killed = []
    found = runner.sweep("run", 10, None, killed.extend)
    assert [l for l in found if not runner.is_helper(l)] == [
        {"pid": 12, "cmdline": "python -c WAITER"}]
    assert killed == [first, waiter] and not looks
