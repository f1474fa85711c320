"""Hostile programs in tests/hostile/ are graded through the same command line
as a student's file, next to another exercise's reference solution, several
at once (as a class's submissions may be): one test per way of running them.

Each file's header says which checks must fail and what their messages must
say (as in tests/corpus/), and may leave it out of a mode whose user changes
nothing for it (`# graded only: grader's user`).  For every one: the verdict fails with that message,
arrives within the exercise's deadline plus a few seconds (on a loaded machine,
within the deadline as far as the load may stretch it, plus a margin in proportion
to how long grading the neighbour alone takes), leaves no process
of the run alive (found by the run marker in each process's environment, not
only among our children), keeps every message short, and the other exercise
graded in the same `check` passes as usual.
"""
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from grader.grading import exercise as exercises
from grader.run.runner import MAX_STRETCH, kill_all, marked_processes
from test_corpus import expectations

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = sorted((ROOT / "tests" / "hostile").glob("*/*.py"))
# Seconds allowed beyond the deadline for pytest's start, stack dumps and clean-up on an
# idle machine. On a loaded one (a test run beside a benchmark and its busy loops took
# 18.3 s and 30.5 s) the allowance grows by twice the time a grading of the neighbour
# alone takes under the same load.
SLACK = 8
MESSAGE_LIMIT = 6000  # characters: a report stays readable whatever the program printed
# The most a grading may take before the test gives up on it: a hang's deadline as
# far as a busy machine may stretch it, and two minutes for the rest; whether the
# verdict came in time is judged below, against the load of the moment.
GIVE_UP = max(exercises.load(p.parent.name).deadline for p in HOSTILE) * MAX_STRETCH + 120


@pytest.fixture(params=["grader's user", "own user", "sudo"],
                ids=["grader_s_user", "own_user", "sudo_own_user"])
def mode(request, tmp_path):
    """(the mode its header's lines are for, a function that makes a folder
    the grader can write, a function that runs `python -m grader ARGS`): the
    grader's own user with this Python; a user of the run's own, the grader
    root, with an interpreter another user can start; the same through sudo,
    the grader a user that is not root and may use sudo without a password."""
    if request.param == "sudo":
        grader = request.getfixturevalue("sudo_grader")
        return "own user", lambda name: grader.folder("%s-%s" % (tmp_path.name, name)), \
            lambda args, env: grader.run(["-m", "grader"] + args, env=env, timeout=GIVE_UP)
    python = [] if request.param == "grader's user" else [
        "--python", request.getfixturevalue("own_user_python")]

    def folder(name):
        (tmp_path / name).mkdir()
        return tmp_path / name
    return request.param, folder, lambda args, env: subprocess.run(
        [sys.executable, "-m", "grader"] + args + python, cwd=str(ROOT), env=env,
        capture_output=True, text=True, timeout=GIVE_UP)


AT_ONCE = 6  # gradings of hostile programs running together in one test


@pytest.mark.first
@pytest.mark.timeout(1500)
def test_hostile_programs_are_contained(mode):
    header_mode, folder, grader = mode
    only = {p: expectations(p)["graded only"] for p in HOSTILE}
    chosen = [p for p in HOSTILE if not only[p] or header_mode in only[p]]
    with ThreadPoolExecutor(AT_ONCE) as pool:
        problems = [p for p in pool.map(lambda path: contained(path, header_mode, folder, grader),
                                        chosen) if p]
    assert not problems, "\n\n".join(problems)


def test_a_program_left_out_of_a_mode_is_graded_in_the_other():
    for path in HOSTILE:
        only = expectations(path)["graded only"]
        assert set(only) <= {"grader's user", "own user"} and len(only) <= 1, (path, only)


def contained(path, header_mode, folder, grader):
    """What is wrong with grading the hostile program PATH, or None."""
    try:
        check_hostile(path, header_mode, folder(path.stem), grader)
    except Exception as e:
        return "%s/%s: %s" % (path.parent.name, path.stem,
                              e if isinstance(e, AssertionError) else repr(e))
    return None


def check_hostile(path, header_mode, folder, grader):
    spec = expectations(path, header_mode)
    assert spec["kind"] == "wrong" and spec["fails"] and spec["says"], \
        "%s: its header names no check that must fail and what it must say" % path
    ex = exercises.load(path.parent.name)
    neighbour = "04_threads" if ex.name != "04_threads" else "01_processes"
    src = folder / "src"
    shutil.copytree(ROOT / "solutions", src)
    shutil.copy(path, src / ex.name / ex.file)
    out = folder / "results.json"
    tag = "hostile-%s-" % uuid.uuid4().hex[:8]
    env = dict(os.environ, PYTHONPATH=str(ROOT), GRADER_RUN_TAG=tag)

    def check(*names, output=out):
        began = time.monotonic()
        proc = grader(["check", *names, "--src", str(src), "--format", "json",
                       "--output", str(output)], env)
        return proc, time.monotonic() - began

    proc, elapsed = check(ex.name, neighbour)
    marked = marked_processes(tag)
    left = [(p.pid, " ".join(p.cmdline())[:80]) for p in marked]
    kill_all(marked)  # do not leave them to the next test

    assert "Traceback" not in proc.stderr, proc.stderr
    if elapsed >= ex.deadline + SLACK:  # a loaded machine, or a grader that waited too long?
        baseline = check(neighbour, output=folder / "baseline.json")[1]
        # a busy machine stretches the deadline (at most MAX_STRETCH times)
        assert elapsed < ex.deadline * MAX_STRETCH + SLACK + 2 * baseline, \
            "the verdict took %.1f s; grading %s alone took %.1f s" % (elapsed, neighbour, baseline)
    assert not left, "still alive after the check: %s" % left
    results = json.loads(out.read_text(encoding="utf-8"))
    mine = {t["check"]: t for t in results["tests"] if t["exercise"] == ex.name}
    other = [t for t in results["tests"] if t["exercise"] == neighbour]
    assert other and all(t["status"] == "pass" for t in other), \
        [t["message"] for t in other if t["status"] != "pass"]
    assert proc.returncode == 1 and results["status"] == "fail"
    messages = ""
    for name in spec["fails"]:
        assert mine[name]["status"] == "fail", "%s passed" % name
        messages += mine[name]["message"] + "\n"
    for text in spec["says"]:
        assert text in messages, "%r not in:\n%s" % (text, messages)
    for t in mine.values():
        assert len(t["message"] or "") < MESSAGE_LIMIT, t["message"][:3000]
