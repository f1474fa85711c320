"""The pytest plugin behind the hidden suites (loaded with `-p grader.plugin`).

A suite is tests/katas/<exercise>/test_*.py; each test function `test_<check>`
takes the fixture `run`: one run of the student's program under one start
method.  All runs an exercise needs are made once per module, at the same time,
and shared by every check.  A check that fails raises checks.Mistake; its
parts travel to the reporter in report.user_properties (also under xdist).
"""
import json
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
    group.addoption("--grader-file", default=None,
                    help="grade this one file (for a single exercise)")


def exercise_of(module_path):
    return exercises.load(Path(module_path).parent.name)


def student_file(config, ex):
    if config.getoption("grader_file"):
        return Path(config.getoption("grader_file"))
    return ex.student_file(config.getoption("grader_src"))


def pytest_generate_tests(metafunc):
    if "run" in metafunc.fixturenames:
        ex = exercise_of(metafunc.module.__file__)
        metafunc.parametrize("start_method", ex.start_methods)


@pytest.fixture(scope="module")
def exercise(request):
    return exercise_of(request.module.__file__)


@pytest.fixture(scope="module")
def runs(exercise, request):
    file = student_file(request.config, exercise)

    def one(method):
        return run_program(file, start_method=method, scale=exercise.time_scale,
                           deadline=exercise.deadline, amplify=exercise.amplify)

    with ThreadPoolExecutor(len(exercise.start_methods)) as pool:
        return dict(zip(exercise.start_methods, pool.map(one, exercise.start_methods)))


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
        report.user_properties.append(("mistake", json.dumps(call.excinfo.value.as_dict())))
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "start_method" in callspec.params:
        report.user_properties.append(("start_method", callspec.params["start_method"]))
