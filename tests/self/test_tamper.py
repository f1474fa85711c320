"""The threat model, tested (README: "What a score can be trusted for").

1. Imitation: a program that prints exactly what the reference solution
   printed, line for line and with the same pauses, from one process, fails:
   verdicts rest on facts the harness records, not on the text.
2. Forged trace records: a program that prints the reference run's own trace
   records (with its pid put in) on stdout and stderr gets the verdict it
   would get without them.
3. Edited tests and grader: a student's repository whose suites, conftest and
   grader are edited to pass gets its real score when graded from a pinned
   copy of the grader, as the Classroom workflow does.
"""
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from batching import grade_batch
from grader.grading import exercise as exercises
from recordings import RECORDED, replayed

ROOT = exercises.ROOT
NAMES = exercises.names()


def solution(name):
    return exercises.load(name).student_file(ROOT / "solutions")


def stub(name):
    return exercises.load(name).student_file(exercises.EXERCISES)


def failing(results):
    return sorted(t["check"] for t in results["tests"] if t["status"] != "pass")


def reference(name, folder):
    """A run of NAME's reference solution: its recording (tests/recorded/, kept
    current by test_replayed_checks.py), under the exercise's first start method."""
    method = exercises.load(name).start_methods[0]
    return replayed(RECORDED / name / ("solution.%s.json.gz" % method), folder)


@pytest.mark.parametrize("name", NAMES)
def test_replaying_the_expected_output_fails(name, grade, tmp_path):
    ex = exercises.load(name)
    out = [l for l in reference(name, tmp_path / "reference").lines if l.stream == "stdout"]
    assert out, "the solution printed nothing"
    steps, last = [], 0.0
    for line in out:
        steps.append((round(line.t - last, 3), line.text))
        last = line.t
    replay = tmp_path / ex.file
    replay.write_text(textwrap.dedent("""\
        import time
        for pause, text in %r:
            time.sleep(pause)
            print(text)
        """) % (steps,), encoding="utf-8")
    code, results = grade(name, replay)
    assert code == 1 and failing(results), "a replay of the output passed %s" % name


def forged(name, folder):
    """Source that prints the reference run's trace records, as if they were this
    run's (main's pid replaced by the program's own), to stdout and stderr."""
    run = reference(name, folder)
    records = [json.dumps(dataclasses.asdict(e), ensure_ascii=False) for e in run.events]
    assert len(records) > 5
    return textwrap.dedent("""\
        import os as _os, sys as _sys
        if __name__ == "__main__":
            for _r in %r:
                _r = _r.replace(%r, str(_os.getpid()))
                print(_r)
                print(_r, file=_sys.stderr)
        """) % (records, str(run.main_pid))


@pytest.mark.parametrize("name", NAMES)
def test_forged_trace_records_change_nothing(name, tmp_path):
    lines = forged(name, tmp_path / "reference")
    tampered = {}
    for original in (stub(name), solution(name)):
        tampered[original] = tmp_path / original.parent.parent.name / original.name
        tampered[original].parent.mkdir()
        tampered[original].write_text(lines + original.read_text(encoding="utf-8"),
                                      encoding="utf-8")
    graded = grade_batch(name, [stub(name)] + list(tampered.values()), tmp_path)
    plain_code, plain = graded[stub(name)]
    code, results = graded[tampered[stub(name)]]
    assert plain_code == code == 1 and failing(results) == failing(plain)
    code, results = graded[tampered[solution(name)]]
    assert code == 0 and not failing(results), failing(results)


def tampered_suite(name):
    """A suite with the checks of NAME's, each passing whatever the run did."""
    lines = ["from grader.kata import check"]
    for c in exercises.load(name).checks[1:]:
        lines += ["@check(%d, %r, %r)" % (c.points, c.title, c.title_zh),
                  "def %s(run): pass" % c.name]
    return "\n".join(lines) + "\n"


PASS_EVERYTHING = '''
import pytest
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
    report.user_properties[:] = [p for p in report.user_properties if p[0] != "mistake"]
'''


def score(results):
    return sum(t["score"] for t in results["tests"])


def grade_in(repo, src, tmp_path, label):
    """`python -m grader check 04_threads` run from REPO's own grader."""
    out = tmp_path / ("%s.json" % label)
    subprocess.run([sys.executable, "-m", "grader", "check", "04_threads", "--src", str(src),
                    "--format", "json", "--output", str(out)],
                   cwd=str(repo), env=dict(os.environ, PYTHONPATH=str(repo)),
                   capture_output=True, text=True, timeout=120)
    return json.loads(out.read_text(encoding="utf-8"))


def test_edited_tests_and_grader_do_not_change_a_pinned_score(tmp_path):
    student = tmp_path / "student"
    for part in ("grader", "tests", "exercises"):
        shutil.copytree(ROOT / part, student / part,
                        ignore=shutil.ignore_patterns("__pycache__", "corpus", "hostile"))
    # Three edits a student could push to make the stub pass:
    (student / "tests/katas/04_threads/test_threads.py").write_text(tampered_suite("04_threads"))
    (student / "tests/katas/conftest.py").write_text(PASS_EVERYTHING)
    (student / "conftest.py").write_text(PASS_EVERYTHING)
    checks = student / "grader/kata/checks.py"
    checks.write_text(checks.read_text().replace("def program_runs(run):",
                                                 "def program_runs(run):\n    return"))
    src = student / "exercises"
    honest = grade_in(ROOT, ROOT / "exercises", tmp_path, "honest")
    in_place = grade_in(student, src, tmp_path, "in-place")
    pinned = grade_in(ROOT, src, tmp_path, "pinned")
    total = exercises.load("04_threads").points
    assert score(honest) < total
    assert score(in_place) == total, "the edits would not have changed anything: a weak test"
    assert score(pinned) == score(honest) and failing(pinned) == failing(honest)


@pytest.mark.parametrize("kind", ["readonly", "fifo", "link", "folder"])
def test_a_result_file_the_program_made_is_never_taken_for_the_grader_s(kind, tmp_path):
    """The student's program knows the --output path (it is on the grader's command
    line) and puts something there first: the grader's result replaces it, or there
    is none and the exit status says error (2), never a pass or a plain fail."""
    hostile = ROOT / "tests" / "hostile" / "04_threads" / "forges_the_result_file.py"
    out = tmp_path / ("results-%s.json" % kind)
    proc = subprocess.run([sys.executable, "-m", "grader", "check", "04_threads", "--file",
                           str(hostile), "--format", "json", "--output", str(out)],
                          cwd=str(ROOT), env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    if kind == "folder":
        assert proc.returncode == 2 and out.is_dir(), proc.stdout + proc.stderr
        assert "cannot write the results to %s" % out in proc.stderr
        return
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert out.is_file() and not out.is_symlink()
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["status"] == "fail" and "forged" not in {t["check"] for t in results["tests"]}
    assert not (tmp_path / "victim.json").exists()  # not written through the link
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no scratch file left
