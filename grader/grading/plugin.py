"""The pytest plugin behind the hidden suites (loaded with `-p grader.grading.plugin`).

A suite is tests/katas/<exercise>/test_*.py, written on grader.kata: each
check is a function of `run`, one run of the student's program under one start
method.  All runs of every collected suite start together when collection
ends (the programs mostly sleep), and each is shared by every check of its
exercise.  A check that fails raises checks.Mistake; its
parts travel to the reporter in report.user_properties (also under xdist).
"""
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from grader.grading import exercise as exercises
from grader import kata
from grader.kata.checks import Mistake
from grader.run.runner import run_program


def pytest_addoption(parser):
    group = parser.getgroup("grader")
    group.addoption("--grader-src", default=str(exercises.EXERCISES),
                    help="folder laid out like exercises/ whose files are graded")
    group.addoption("--grader-file", action="append", default=[],
                    help="grade this file: PATH (one exercise) or EXERCISE=PATH; repeatable")
    group.addoption("--grader-python", default=sys.executable,
                    help="the Python that runs the student's program")
    group.addoption("--grader-default-method", default=None,
                    help="start method that stands for the platform's default "
                         "(fork, spawn or forkserver), e.g. forkserver for Python 3.14")
    group.addoption("--grader-jobs", type=int, default=0,
                    help="runs of programs at once (default: all of them)")


def pytest_configure(config):
    # A failed check is told by its Mistake, not by pytest's report of the
    # exception; the default (long) report parses the source of every frame,
    # which took a quarter of a grading session's own time.  The terminal
    # plugin, which owns --tb, is not loaded in a grading.
    config.option.tbstyle = "native"


def exercise_of(module_path):
    return exercises.load(Path(module_path).parent.name)


def start_methods(config, ex):
    """The exercise's start methods; 'default' becomes --grader-default-method if given."""
    chosen = config.getoption("grader_default_method")
    methods = [chosen if (m == "default" and chosen) else m for m in ex.start_methods]
    return list(dict.fromkeys(methods))


def student_files(config, ex):
    """The files graded as EX: each --grader-file given for it (several make a
    batch: the suite runs for each), or the student's own."""
    files = []
    for given in config.getoption("grader_file"):
        name, sep, path = given.partition("=")
        if not sep:
            return [Path(given)]
        if name == ex.name:
            files.append(Path(path))
    return files or [ex.student_file(config.getoption("grader_src"))]


def pytest_generate_tests(metafunc):
    if "run" in metafunc.fixturenames:
        ex = exercise_of(metafunc.module.__file__)
        files = student_files(metafunc.config, ex)
        if len(files) > 1:
            metafunc.parametrize("submission", [str(f) for f in files], scope="module",
                                 ids=["%d-%s" % (n, f.stem) for n, f in enumerate(files)])
        metafunc.parametrize("start_method", start_methods(metafunc.config, ex))


@pytest.fixture(scope="module")
def submission(exercise, request):
    """The file graded (the only one: a batch parametrizes this)."""
    return str(student_files(request.config, exercise)[0])


def pytest_collection_finish(session):
    """Start every run of every collected suite now, all at once: the program
    runs mostly sleep, so grading takes about as long as the longest one."""
    config = session.config
    suites = {}
    for item in session.items:
        if "run" in getattr(item, "fixturenames", ()):
            path = str(item.module.__file__)
            if path not in suites:
                suites[path] = exercise_of(path)
    todo = [(path, ex, str(file), method) for path, ex in suites.items()
            for file in student_files(config, ex) for method in start_methods(config, ex)]
    if not todo:
        return
    pool = ThreadPoolExecutor(min(len(todo), config.getoption("grader_jobs") or len(todo)))
    config._grader_runs = {(path, file, method): pool.submit(run_of, config, ex, file, method)
                           for path, ex, file, method in todo}
    pool.shutdown(wait=False)


def run_of(config, ex, file, method):
    return run_program(file, start_method=method, scale=ex.time_scale,
                       deadline=ex.deadline, amplify=ex.amplify,
                       python=config.getoption("grader_python"))


@pytest.fixture(scope="module")
def exercise(request):
    return exercise_of(request.module.__file__)


@pytest.fixture(scope="module")
def runs(exercise, submission, request):
    path = str(request.module.__file__)
    futures = getattr(request.config, "_grader_runs", {})
    return {method: futures[(path, submission, method)].result()
            if (path, submission, method) in futures
            else run_of(request.config, exercise, submission, method)
            for method in start_methods(request.config, exercise)}


@pytest.fixture
def run(runs, start_method, request):
    """The run a check judges; a check that cannot judge it fails as "not checked"."""
    the_run = runs[start_method]
    mistake = kata.why_not_checked(the_run, request.function, request.module.__dict__)
    if mistake is not None:
        raise mistake
    return the_run


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if call.excinfo is not None and isinstance(call.excinfo.value, Mistake):
        mistake = call.excinfo.value
        the_run = getattr(item, "funcargs", {}).get("run")
        report.user_properties.append(("mistake", json.dumps(mistake.as_dict(the_run))))
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "start_method" in callspec.params:
        report.user_properties.append(("start_method", callspec.params["start_method"]))
    if callspec is not None and "submission" in callspec.params:
        report.user_properties.append(("submission", callspec.params["submission"]))
