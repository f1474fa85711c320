"""The pytest plugin behind the hidden suites (loaded with `-p grader.plugin`).

A suite is tests/katas/<exercise>/test_*.py; each test function `test_<check>`
takes the fixture `run`: one run of the student's program under one start
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

from . import exercise as exercises
from .checks import Mistake, fatal_problem
from .runner import run_program

BASIC_CHECK = "test_program_runs"


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


def exercise_of(module_path):
    return exercises.load(Path(module_path).parent.name)


def start_methods(config, ex):
    """The exercise's start methods; 'default' becomes --grader-default-method if given."""
    chosen = config.getoption("grader_default_method")
    methods = [chosen if (m == "default" and chosen) else m for m in ex.start_methods]
    return list(dict.fromkeys(methods))


def student_file(config, ex):
    for given in config.getoption("grader_file"):
        name, sep, path = given.partition("=")
        if not sep:
            return Path(given)
        if name == ex.name:
            return Path(path)
    return ex.student_file(config.getoption("grader_src"))


def pytest_generate_tests(metafunc):
    if "run" in metafunc.fixturenames:
        ex = exercise_of(metafunc.module.__file__)
        metafunc.parametrize("start_method", start_methods(metafunc.config, ex))


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
    todo = [(path, ex, method) for path, ex in suites.items()
            for method in start_methods(config, ex)]
    if not todo:
        return
    pool = ThreadPoolExecutor(len(todo))
    config._grader_runs = {(path, method): pool.submit(run_of, config, ex, method)
                           for path, ex, method in todo}
    pool.shutdown(wait=False)


def run_of(config, ex, method):
    return run_program(student_file(config, ex), start_method=method, scale=ex.time_scale,
                       deadline=ex.deadline, amplify=ex.amplify,
                       python=config.getoption("grader_python"))


@pytest.fixture(scope="module")
def exercise(request):
    return exercise_of(request.module.__file__)


@pytest.fixture(scope="module")
def runs(exercise, request):
    path = str(request.module.__file__)
    futures = getattr(request.config, "_grader_runs", {})
    return {method: futures[(path, method)].result() if (path, method) in futures
            else run_of(request.config, exercise, method)
            for method in start_methods(request.config, exercise)}


@pytest.fixture
def run(runs, start_method, request):
    the_run = runs[start_method]
    if request.function.__name__ != BASIC_CHECK:
        problem = fatal_problem(the_run)
        if problem:
            raise Mistake("a run of the program to check", "not checked: %s (see the first check)"
                          % problem, timeline=False)
    return the_run


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if call.excinfo is not None and isinstance(call.excinfo.value, Mistake):
        mistake = call.excinfo.value
        the_run = getattr(item, "funcargs", {}).get("run")
        if the_run is not None and the_run.gaps:  # not seen is not absent: say so
            mistake.got += ("\nBut %s; what this check looked for may be in the part it did not "
                            "record." % the_run.unrecorded())
        report.user_properties.append(("mistake", json.dumps(mistake.as_dict())))
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "start_method" in callspec.params:
        report.user_properties.append(("start_method", callspec.params["start_method"]))
