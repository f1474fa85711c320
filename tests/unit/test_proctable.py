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
