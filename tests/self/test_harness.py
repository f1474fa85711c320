"""The harness works in every interpreter on the machine: it records a run
without changing its outcome, and its race amplifier makes a missing lock
show while a locked program stays right."""
import os
import subprocess
import sys

import pytest

import interpreters
from grader.grading.exercise import ROOT
from grader.run.runner import run_program

NAMES = {sys.executable: "this python"}
NAMES.update({i.path: i.name for i in interpreters.found().values()})
PYTHONS = list(NAMES)
BANK = ROOT / "solutions" / "05_lock" / "bank.py"


def name(python):
    return NAMES[python]


@pytest.mark.parametrize("python", PYTHONS, ids=name)
def test_recorded_run_is_unchanged(python):
    run = run_program(ROOT / "solutions" / "04_threads" / "threads.py", python=python, scale=0.1)
    assert run.exit_code == 0, run.stderr
    assert [l.text for l in run.lines][0] == "线程 [MainThread] 运行..."
    assert len(run.lines) == 7 and run.thread("LoopThread").ended is not None
    assert run.stacks == {}


@pytest.mark.parametrize("python", PYTHONS, ids=name)
def test_amplifier_exposes_a_missing_lock(python, tmp_path):
    unlocked = tmp_path / "bank.py"
    unlocked.write_text(BANK.read_text(encoding="utf-8").replace(
        "        with lock:\n            change_it(n)", "        change_it(n)"), encoding="utf-8")
    balances = []
    for _ in range(3):
        run = run_program(unlocked, python=python, amplify=0.05)
        balances.append(run.exit_globals["g_balance"])
        # Exact, whatever the scheduler did: each thread wrote g_balance 1000 times on
        # each of change_it's two lines while holding no lock.
        writes = [(u.line, u.count) for t in run.threads for u in t.unguarded]
        assert sorted(writes) == [(9, 1000), (9, 1000), (10, 1000), (10, 1000)]
        locked = run_program(BANK, python=python, amplify=0.05)
        assert locked.exit_globals["g_balance"] == 0 and locked.lines[-1].text == "0"
        assert all(t.unguarded == [] for t in locked.threads)
        # every write held the one lock both threads share (lock #0, the file's first)
        assert {(w.name, tuple(w.locks)) for t in locked.threads for w in t.stores} == {
            ("g_balance", (0,))}
        assert [w.count for t in locked.threads for w in t.stores] == [1000] * 4
    # Whether updates are lost depends on the scheduler: the grader's verdict does not
    # (it counts the unguarded writes above), but a student should see a wrong balance
    # most of the time.  Seen once on a loaded 2-core machine (3.13t): one run of two
    # ended with 0.
    assert any(b != 0 for b in balances), balances


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_start_up_is_off_the_clock(method, tmp_path):
    """A sleep begins only once the processes its process started are running:
    a spawn child needs ~0.1 s to begin, far longer than the sleep here."""
    prog = tmp_path / "prog.py"
    prog.write_text(
        "import multiprocessing, time\n"
        "def child():\n"
        "    print('child began')\n"
        "if __name__ == '__main__':\n"
        "    p = multiprocessing.Process(target=child)\n"
        "    p.start()\n"
        "    time.sleep(0.001)\n"
        "    print('main slept')\n"
        "    p.join()\n", encoding="utf-8")
    for _ in range(3):
        run = run_program(prog, start_method=method, scale=0.2)
        began = run.children()[0].began
        slept = run.printed("main slept")[0].t
        assert began < slept, "main's sleep ended %.3f s before the child began" % (began - slept)


@pytest.mark.parametrize("python", PYTHONS, ids=name)
def test_locks_answer_isinstance_as_without_the_harness(python, tmp_path):
    """threading.Lock is a class from 3.13 on, and a correct program may ask
    isinstance(x, threading.Lock): with the harness the answers are the same."""
    prog = tmp_path / "kinds.py"
    prog.write_text(
        "import dataclasses, threading\n"
        "@dataclasses.dataclass\n"
        "class Account:\n"
        "    lock: object = dataclasses.field(default_factory=threading.Lock)\n"
        "lock, account = threading.Lock(), Account()\n"
        "try:\n"
        "    print(isinstance(lock, threading.Lock), isinstance(account.lock, threading.Lock),\n"
        "          isinstance(threading.RLock(), threading.Lock), isinstance(1, threading.Lock),\n"
        "          issubclass(type(lock), threading.Lock))\n"
        "except TypeError as e:\n"
        "    print('TypeError')\n"
        "print(threading.Lock.__name__, lock.acquire(), lock.locked())\n", encoding="utf-8")
    plain = subprocess.run([python, str(prog)], capture_output=True, text=True, timeout=60,
                           env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")})
    run = run_program(prog, python=python)
    assert run.exit_code == 0, run.stderr
    assert [l.text for l in run.lines] == plain.stdout.splitlines(), plain.stderr
    assert [l.at.line for l in run.locks] == [5, 5]  # still traced, Account()'s too
