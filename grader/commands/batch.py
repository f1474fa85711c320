"""`python -m grader batch SUBMISSIONS`: grade a whole class into a gradebook.

SUBMISSIONS holds one folder per student, laid out like exercises/ (or a
clone of the whole repository, with exercises/ inside).  Each student is
graded by one `python -m grader check --format json` in a subprocess of its
own, so a submission that hangs, floods or even kills its grading process
costs only that student's row.  Several students are graded at once.

Written into the output folder: gradebook.csv (student, exercise, points,
max) and reports/STUDENT.txt, built from the JSON of the student's check.
"""
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from collections import namedtuple
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from grader.grading import exercise as exercises
from grader.report.text import inert
from grader.run.runner import MAX_STRETCH, environment_now, kill_all, marked_processes

SLACK = 60  # seconds a grading subprocess gets beyond its runs' longest possible time
DROPPED_ENV = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")  # one summary per batch, not per student


class BadInput(Exception):
    """Something wrong with the command line; the message is for the user."""


def arguments(parser):
    parser.add_argument("submissions", metavar="SUBMISSIONS_DIR",
                        help="one folder per student, each laid out like exercises/")
    parser.add_argument("--output", help="where to write the gradebook "
                                         "(default: a folder gradebook/ next to SUBMISSIONS_DIR)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="students graded at once (default: the number of CPUs)")
    parser.add_argument("--exercise", action="extend", nargs="+", default=[], metavar="EX",
                        help="grade only these exercises, e.g. 01 04_threads (default: all)")


def run(args):
    try:
        chosen, students, output = _inputs(args)
    except BadInput as e:
        print("python -m grader batch: error: %s" % e, file=sys.stderr)
        return 2
    began = time.monotonic()
    tag = os.environ.get("GRADER_RUN_TAG", "") + "batch-%s-" % uuid.uuid4().hex[:8]
    rows = {}
    pool = ThreadPoolExecutor(max_workers=args.jobs)
    futures = {pool.submit(grade_student, folder, chosen, "%s%d-" % (tag, i)): name
               for i, (name, folder) in enumerate(students)}
    try:
        for future in _progress(as_completed(futures), len(futures)):
            try:
                rows[futures[future]] = future.result()
            except Exception as e:  # a fault of the batch itself: still only one row
                why = "the batch failed on it (%s: %s)" % (type(e).__name__, e)
                rows[futures[future]] = [_failed(ex, why) for ex in chosen]
    except KeyboardInterrupt:
        STOP.set()
        pool.shutdown(wait=False, cancel_futures=True)
        for popen in list(RUNNING):
            _kill(popen)
        sweep(tag)
        print("python -m grader batch: interrupted; no gradebook written", file=sys.stderr)
        return 130
    pool.shutdown()
    try:
        write_gradebook(output, chosen, [(name, rows[name]) for name, _ in students])
    except OSError as e:
        print("python -m grader batch: error: cannot write the gradebook into %s: %s"
              % (output, e.strerror or e), file=sys.stderr)
        return 1
    print(inert(summary(output, chosen, rows, time.monotonic() - began)))
    return 0


def _inputs(args):
    """The chosen exercises, the students [(name, folder)] and the output folder."""
    submissions = Path(args.submissions).resolve()
    if not submissions.is_dir():
        raise BadInput("%s is not a folder" % args.submissions)
    if args.jobs < 1:
        raise BadInput("--jobs must be at least 1")
    chosen = []
    for name in args.exercise or exercises.names():
        ex = exercises.find(name)
        if ex is None:
            raise BadInput(exercises.not_found(name))
        if ex not in chosen:
            chosen.append(ex)
    output = Path(args.output).resolve() if args.output else submissions.parent / "gradebook"
    students = sorted((p.name, student_src(p)) for p in submissions.iterdir()
                      if p.is_dir() and not p.name.startswith(".") and p != output)
    if not students:
        raise BadInput("%s has no student folders in it" % args.submissions)
    try:
        (output / "reports").mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BadInput("cannot write to %s: %s" % (output, e.strerror or e))
    return chosen, students, output


def student_src(folder):
    """The folder laid out like exercises/: the student's folder, or its
    exercises/ when the student handed in a clone of the whole repository."""
    if (folder / "exercises").is_dir() and not any(
            (folder / name).is_dir() for name in exercises.names()):
        return folder / "exercises"
    return folder


def _progress(iterable, total):
    try:
        from tqdm import tqdm
    except ImportError:
        return iterable
    return tqdm(iterable, total=total, unit="student", file=sys.stderr, disable=None)


# Grading one student -------------------------------------------------------

Row = namedtuple("Row", "exercise points report error")  # report: the exercise's section
RUNNING = set()  # the grading subprocesses now running (killed on Ctrl-C)
STOP = threading.Event()  # set on Ctrl-C: start no more


def grade_student(src, chosen, tag):
    """Grade CHOSEN in SRC in one subprocess; a Row per exercise.  If that
    subprocess dies (say a program killed it), each exercise is graded alone,
    so that only the exercise that caused it gets 0 points.  TAG marks the
    runs of the student's programs, so that orphans can be found."""
    data, why, timed_out = session(src, chosen, tag)
    if data is not None:
        return [_graded(ex, data) for ex in chosen]
    if len(chosen) == 1 or timed_out:
        return [_failed(ex, why) for ex in chosen]
    rows = []
    for ex in chosen:
        data, why, _ = session(src, [ex], tag)
        rows.append(_graded(ex, data) if data is not None else _failed(ex, why))
    return rows


def time_allowed(chosen):
    """Seconds one grading of CHOSEN may take: its runs, each as long as a busy
    machine may stretch its deadline, plus SLACK."""
    return max(sum(ex.deadline for ex in chosen),
               MAX_STRETCH * max(ex.deadline for ex in chosen)) + SLACK


def session(src, chosen, tag):
    """Run one `check` of CHOSEN on SRC in a subprocess of its own.  Returns
    (its JSON results, None, False), or (None, why there are none, timed out)."""
    timeout = time_allowed(chosen)
    timed_out = False
    env = {k: v for k, v in environment_now().items() if k not in DROPPED_ENV}
    env["GRADER_RUN_TAG"] = tag
    with tempfile.TemporaryDirectory(prefix="grader-batch-") as tmp:
        out = Path(tmp) / "results.json"
        command = [sys.executable, "-m", "grader", "check"] + [ex.name for ex in chosen] + [
            "--src", str(src), "--format", "json", "--output", str(out)]
        popen = subprocess.Popen(command, cwd=str(exercises.ROOT), env=env,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, start_new_session=True)
        RUNNING.add(popen)
        if STOP.is_set():
            _kill(popen)
        try:
            _, err = popen.communicate(timeout=timeout)
            why = _ended(popen.returncode, err)
        except subprocess.TimeoutExpired:
            _kill(popen)
            popen.communicate()
            why, timed_out = "it took longer than %d s and was stopped" % timeout, True
        finally:
            RUNNING.discard(popen)
        try:
            data = json.loads(out.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("tests"), list):
                return data, None, False
            why = "its results were not in the expected form"
        except (OSError, ValueError):
            pass
        sweep(tag)  # the runs of a grading process that died are orphans now
        return None, why, timed_out


def _ended(code, err):
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = "signal %d" % -code
        return "it was killed by %s (a program may have killed it)" % name
    last = next((line for line in reversed(err.decode("utf-8", "replace").splitlines())
                 if line.strip()), "")
    return "it ended with exit code %d without results%s" % (code, ": " + last[:200] if last
                                                               else "")


def _kill(popen):
    """Kill a grading subprocess (its runs are in sessions of their own: sweep)."""
    try:
        os.killpg(popen.pid, signal.SIGKILL)
    except OSError:
        pass


def sweep(tag, patience=5.0):
    """Kill every process whose run marker carries TAG, until none is left
    (a program may still be forking while it is swept)."""
    end = time.monotonic() + patience
    while True:
        found = marked_processes(tag)
        if not found or time.monotonic() > end:
            return
        kill_all(found)


def _graded(ex, data):
    """EX's Row from the JSON of a check, laid out like the text report."""
    tests = [t for t in data.get("tests", []) if _exercise_of(t) == ex.name]
    points = sum(t.get("score") or 0 for t in tests)
    lines = ["== %s: %s  %d/%d" % (ex.name, ex.title, points, ex.points)]
    if data.get("message"):
        lines.append("   note: " + data["message"])
    if not tests:
        lines.append("   error: the grader reported no checks for this exercise")
    shown = set()
    for t in tests:
        lines.append(" %s %d/%d  %s" % ("PASS" if t.get("status") == "pass" else "FAIL",
                                        t.get("score") or 0, t.get("max_score") or 0, _title(t)))
        message = t.get("message") or ""
        if message and message in shown:
            got = [l for l in message.splitlines() if l.startswith("Your run: ")]
            message = "Same cause as above: " + (got or message.splitlines())[0]
        elif message:
            shown.add(message)
            if t.get("output"):
                message += "\nYour run as a timeline:\n" + textwrap.indent(t["output"], "  ")
        if message:
            lines.append(textwrap.indent(message, "       ", lambda line: True))
    return Row(ex, points, "\n".join(lines), False)


def _failed(ex, why):
    return Row(ex, 0, "== %s: %s  0/%d\n   error: this exercise could not be graded: %s. "
               "0 points; look at the file by hand." % (ex.name, ex.title, ex.points, why), True)


def _exercise_of(test):
    return test.get("exercise") or test.get("name", "").partition(": ")[0]


def _title(test):
    name = test.get("name", "")
    return name.partition(": ")[2] or name


# The gradebook --------------------------------------------------------------

def write_gradebook(output, chosen, rows):
    """gradebook.csv and reports/STUDENT.txt from ROWS, [(student, [Row])]."""
    with open(output / "gradebook.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "exercise", "points", "max"])
        for student, graded in rows:
            for row in sorted(graded, key=lambda row: row.exercise.name):
                writer.writerow([student, row.exercise.name, row.points, row.exercise.points])
    for student, graded in rows:
        total = sum(row.points for row in graded)
        head = "student: %s\nscore: %d/%d" % (student, total, sum(ex.points for ex in chosen))
        text = "\n\n".join([head] + [row.report for row in graded])
        (output / "reports" / (student + ".txt")).write_text(inert(text) + "\n", encoding="utf-8")


def summary(output, chosen, rows, seconds):
    total = sum(ex.points for ex in chosen)
    scores = [sum(row.points for row in graded) for graded in rows.values()]
    failed = sorted(student for student, graded in rows.items() if any(r.error for r in graded))
    lines = ["Graded %s, %s each, in %.1f s; mean score %.1f/%d."
             % (_count(len(rows), "student"), _count(len(chosen), "exercise"), seconds,
                sum(scores) / len(scores), total),
             "Gradebook: %s (reports in %s)" % (output / "gradebook.csv", output / "reports")]
    if failed:
        lines.append("Could not grade every exercise of: %s (see their reports)"
                     % ", ".join(failed))
    return "\n".join(lines)


def _count(n, noun):
    return "%d %s%s" % (n, noun, "" if n == 1 else "s")
