"""`python -m grader batch`: a class of students graded into a gradebook, each
student in a grading subprocess of their own, so that a hostile submission
(one that hangs, or kills its grading process) costs only its own row."""
import csv
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil
import pytest

from grader.commands import batch
from grader.grading import exercise as exercises

ROOT = Path(__file__).resolve().parents[2]
CHOSEN = ["01_processes", "04_threads"]
# It kills the grading process, its keeper's parent. The harness refuses os.kill() aimed at it,
# so this goes round the harness through the shell, as C code could.
KILLS_GRADER = ("import os\n"  # main's parent is the run's keeper; the keeper's is the grading
                "with open('/proc/%d/stat' % os.getppid()) as f:\n"
                "    grader = int(f.read().rsplit(')', 1)[1].split()[1])\n"
                "os.system('kill -9 %d' % grader)\n")
HANGS = "import time\nwhile True:\n    time.sleep(1)\n"


def marked(tag):
    """Live processes whose run marker carries TAG."""
    found = []
    for proc in psutil.process_iter():
        try:
            if proc.status() != psutil.STATUS_ZOMBIE and \
                    proc.environ().get("GRADER_RUN", "").startswith(tag):
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


def none_left(tag, patience=10.0):
    """True once no process of TAG is alive (kills any found after PATIENCE)."""
    end = time.monotonic() + patience
    while time.monotonic() < end:
        if not marked(tag):
            return True
        time.sleep(0.1)
    for proc in marked(tag):
        proc.kill()
    return False


def student(folder, **files):
    """A student's folder with the given exercise: 'solution', 'stub' or a text."""
    for name, what in files.items():
        ex = exercises.load(name)
        target = ex.student_file(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        if what == "solution":
            shutil.copy(ex.student_file(ROOT / "solutions"), target)
        elif what == "stub":
            shutil.copy(ex.student_file(exercises.EXERCISES), target)
        else:
            target.write_text(what, encoding="utf-8")


def run_batch(*args, tag="batch-test-"):
    env = dict(os.environ, PYTHONPATH=str(ROOT), GRADER_RUN_TAG=tag)
    return subprocess.run([sys.executable, "-m", "grader", "batch"] + [str(a) for a in args],
                          cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=300)


def test_a_class_is_graded_and_a_hostile_submission_costs_only_its_own_row(tmp_path):
    subs = tmp_path / "class"
    student(subs / "alice", **{n: "solution" for n in CHOSEN})
    student(subs / "bob", **{n: "stub" for n in CHOSEN})
    student(subs / "carol" / "exercises", **{"01_processes": "solution"})  # a clone; no 04
    student(subs / "mallory", **{"01_processes": KILLS_GRADER, "04_threads": "solution"})
    student(subs / "trudy", **{"01_processes": "solution", "04_threads": HANGS})
    out = tmp_path / "grades"
    tag = "batch-test-%s-" % uuid.uuid4().hex[:8]

    proc = run_batch(subs, "--exercise", *CHOSEN, "--jobs", "3", "--output", out, tag=tag)

    assert none_left(tag), "processes of the batch survived it"
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert "Graded 5 students, 2 exercises each" in proc.stdout
    assert "mallory" in proc.stdout  # named as not fully graded
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["student"], r["exercise"]) for r in rows] == [
        (s, e) for s in ("alice", "bob", "carol", "mallory", "trudy") for e in CHOSEN]
    points = {(r["student"], r["exercise"]): (int(r["points"]), int(r["max"])) for r in rows}
    for ex in CHOSEN:
        full = exercises.load(ex).points
        assert points["alice", ex] == (full, full)
        assert points["bob", ex][0] < full and points["bob", ex][1] == full
    assert points["carol", "01_processes"][0] == points["carol", "01_processes"][1]
    assert points["carol", "04_threads"][0] == 0
    assert points["mallory", "01_processes"][0] == 0
    assert points["mallory", "04_threads"][0] == points["mallory", "04_threads"][1]
    assert points["trudy", "01_processes"][0] == points["trudy", "01_processes"][1]
    assert points["trudy", "04_threads"][0] == 0

    reports = {s: (out / "reports" / (s + ".txt")).read_text(encoding="utf-8")
               for s in ("alice", "bob", "carol", "mallory", "trudy")}
    for text in reports.values():
        assert "Traceback" not in text and "inside the grader" not in text
    full = sum(exercises.load(ex).points for ex in CHOSEN)
    assert "score: %d/%d" % (full, full) in reports["alice"]
    assert "FAIL" in reports["bob"] and "Expected:" in reports["bob"]
    assert "does not exist" in reports["carol"]
    assert "could not be graded: it was killed by SIGKILL" in reports["mallory"]
    assert reports["mallory"].count("could not be graded") == 1  # 04 graded on its own
    assert "still running after 10 s" in reports["trudy"]
    assert "could not be graded" not in reports["trudy"] + reports["alice"]


def test_a_grading_that_takes_too_long_is_stopped_and_its_runs_killed(tmp_path, monkeypatch):
    student(tmp_path / "trudy", **{"04_threads": HANGS})
    ex = exercises.load("04_threads")
    monkeypatch.setattr(batch, "time_allowed", lambda chosen: 5)  # for the whole grading
    tag = "batch-test-%s-" % uuid.uuid4().hex[:8]

    [row] = batch.grade_student(tmp_path / "trudy", [ex], tag)

    assert none_left(tag, patience=3.0), "the hanging program outlived its grading"
    assert row.error and row.points == 0
    assert "could not be graded: it took longer than 5 s" in row.report


@pytest.mark.parametrize("args, says", [
    (["{tmp}/nowhere"], "is not a folder"),
    (["{tmp}/empty"], "has no student folders"),
    (["{tmp}/class", "--exercise", "99"], "no exercise called '99'"),
    (["{tmp}/class", "--jobs", "0"], "--jobs must be at least 1"),
])
def test_bad_input_is_a_one_line_error_and_exit_code_2(tmp_path, args, says):
    (tmp_path / "empty").mkdir()
    (tmp_path / "class" / "alice").mkdir(parents=True)
    proc = run_batch(*[a.format(tmp=tmp_path) for a in args])
    assert proc.returncode == 2
    assert says in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert not (tmp_path / "gradebook").exists()
