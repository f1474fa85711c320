"""Grading one exercise: run its hidden pytest suite in this process (the
student's code runs in child processes made by the runner) and turn pytest's
reports into per-check results."""
import collections
import json
import os
import sys
from pathlib import Path
from dataclasses import dataclass, field

import pytest

from grader.run import isolation
from grader.grading.exercise import ROOT, SUITES
from grader.i18n import t
from grader.run.runner import MAX_STRETCH, interpreter

GRADING_INI = Path(__file__).parent / "grading.ini"

INTERNAL = ("the grader could not check this: an error inside the grader (%s). "
            "This is not your fault; please tell your instructor.")


@dataclass
class CheckResult:
    name: str
    title: str
    points: int
    passed: bool
    failures: list = field(default_factory=list)  # [(start_method, mistake dict)]

    @property
    def earned(self):
        return self.points if self.passed else 0


@dataclass
class ExerciseResult:
    exercise: object
    file: str
    checks: list
    error: str = None  # the suite itself could not run
    ran_as: str = ""  # which user the program ran as, in words
    runs: dict = field(default_factory=dict)  # {start method: the Run its checks judged}

    @property
    def score(self):
        return sum(c.earned for c in self.checks)

    @property
    def passed(self):
        return self.error is None and all(c.passed for c in self.checks)


class Collector:
    """Receives pytest's reports and sorts them by exercise and check."""

    def __init__(self):
        self.outcomes = {}  # (exercise, file or None, check) -> [(start_method, passed, mistake)]
        self.errors = []
        self.runs = {}  # (exercise, file) -> {start method: Run}

    def pytest_sessionfinish(self, session):
        for (path, file, method), future in getattr(session.config, "_grader_runs", {}).items():
            if future.done() and future.exception() is None:
                self.runs.setdefault((Path(path).parent.name, file), {})[method] = future.result()

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or (report.when != "call" and report.failed):
            props = dict(report.user_properties)
            path, _, test = report.nodeid.partition("::")
            exercise = path.replace("\\", "/").split("/")[-2]
            name = test.split("[")[0]
            mistake = json.loads(props["mistake"]) if "mistake" in props else None
            if report.failed and mistake is None:
                mistake = {"expected": None, "got": INTERNAL % _short_error(report),
                           "hint": None, "timeline": ""}
            self.outcomes.setdefault((exercise, props.get("submission"), name), []).append(
                (props.get("start_method", "default"), report.passed, mistake))

    def pytest_collectreport(self, report):
        if report.failed:
            self.errors.append(_short_error(report))


def _short_error(report):
    text = str(report.longrepr or "")
    lines = [l for l in text.splitlines() if l.startswith("E ")]
    last = lines[-1][1:].strip() if lines else (text.strip().splitlines() or ["?"])[-1]
    return last[:300]


def session_timeout(deadline):
    """Seconds a grading session whose longest deadline is DEADLINE may take
    (pytest-timeout's limit): a run as far as a busy machine stretches it, plus
    a minute for pytest and the reports."""
    return int(deadline * MAX_STRETCH + 60)


def grade_all(chosen, *, python=None, default_method=None, jobs=0):
    """Run the hidden suites of CHOSEN, a list of (exercise, file), in one pytest
    session whose program runs all happen at once (at most JOBS at once, if
    given); one ExerciseResult each.  An exercise may come with several files
    (a batch): its suite then runs for each."""
    collector = Collector()
    deadline = max(ex.deadline for ex, _ in chosen)
    args = list(dict.fromkeys(str(ex.suite) for ex, _ in chosen))
    args += ["-p", "grader.grading.plugin", "-p", "no:cacheprovider", "-p", "no:terminal",
             "-c", str(GRADING_INI), "--rootdir", str(ROOT), "--confcutdir", str(SUITES),
             "--import-mode", "importlib", "--timeout", str(session_timeout(deadline))]
    for ex, file in chosen:
        args += ["--grader-file", "%s=%s" % (ex.name, file)]
    if python:
        args += ["--grader-python", str(python)]
    if default_method:
        args += ["--grader-default-method", default_method]
    if jobs:
        args += ["--grader-jobs", str(jobs)]
    code = pytest.main(args, plugins=[collector])
    error = None
    if collector.errors or code not in (0, 1):
        error = INTERNAL % ("; ".join(collector.errors) or "pytest exit code %s" % code)
    _, why = isolation.for_another_user(interpreter(str(python or sys.executable)))
    ran_as = t("own_user") if why is None else t("grader_user", why=t(why[0], **why[1]))
    times = collections.Counter(ex.name for ex, _ in chosen)
    batch = {name for name, n in times.items() if n > 1}
    return [ExerciseResult(ex, os.path.relpath(file),
                           _checks(ex, collector, str(file) if ex.name in batch else None),
                           error, ran_as, collector.runs.get((ex.name, str(file)), {}))
            for ex, file in chosen]


def grade(ex, file, **options):
    """Run EX's hidden suite against FILE and return an ExerciseResult."""
    return grade_all([(ex, file)], **options)[0]


def _checks(ex, collector, file=None):
    results = []
    for check in ex.checks:
        outcomes = collector.outcomes.get((ex.name, file, check.name))
        if not outcomes:
            results.append(CheckResult(check.name, check.title, check.points, False,
                                       [("default", {"expected": None, "got": INTERNAL % "no test "
                                                     "for this check", "hint": None,
                                                     "timeline": ""})]))
            continue
        failures = [(method, mistake) for method, ok, mistake in outcomes if not ok]
        results.append(CheckResult(check.name, check.title, check.points, not failures, failures))
    return results
