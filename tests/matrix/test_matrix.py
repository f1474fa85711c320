"""`make test-matrix`: every reference solution passes and every program of the
corpus gets its verdict under each CPython the machine has (tests/interpreters.py:
one entry per minor version and build, the free-threaded builds included) and
under each start method standing for the platform's default (fork: Linux up to
3.13; spawn: macOS and Windows; forkserver: Linux from 3.14).

Only what can vary is graded, and only once.  The default start method matters
to a program only if it starts processes, and only in an exercise whose runs
use the default: an exercise whose info.toml names its start methods (06, 07,
11), or a program that never mentions multiprocessing, os.fork or a process
pool, is graded once per interpreter.  A default whose runs another grading
already makes is not graded on its own (defaults_for), nor what `make test`
grades: the solutions on this interpreter under its native default (`make
test` judges the corpus on its recordings, so the corpus is graded live here
on every interpreter, this one too).  An entry missing here is skipped with a
line saying so, never failed.
"""
import json
import multiprocessing
import os
import re
import subprocess
import sys
import sysconfig

import pytest

import interpreters
from grader.grading import exercise as exercises
from batching import grade_batch
from test_corpus import CORPUS, verdict_problems

ROOT = exercises.ROOT
METHODS = ["fork", "spawn", "forkserver"]
FOUND = interpreters.found()
WANTED = list(dict.fromkeys(interpreters.wanted() + list(FOUND)))
if os.environ.get("MATRIX_QUICK"):  # the subset: oldest, newest, newest free-threaded; 3.14's default
    builds = [k for k in FOUND if not k.endswith("t")]
    WANTED = list(dict.fromkeys(builds[:1] + builds[-1:] + [k for k in FOUND if k.endswith("t")][-1:]))
    METHODS = ["forkserver"]
FILES = sorted(CORPUS.glob("*/*.py"))
# The interpreter this test runs on, which `make test` grades the solutions
# with, and its native default start method.
SELF = interpreters.Interpreter(sys.executable, tuple(sys.version_info[:3]),
                                bool(sysconfig.get_config_var("Py_GIL_DISABLED")))
NATIVE = multiprocessing.get_start_method()
STARTS_PROCESSES = re.compile(r"multiprocessing|os\.fork|ProcessPool|InterpreterPool|subprocess|os\.system")


def methods_for(path):
    """The default start methods under which PATH's grading can differ."""
    if "default" not in exercises.load(path.parent.name).start_methods:
        return METHODS[-1:]
    if not STARTS_PROCESSES.search(path.read_text(encoding="utf-8")):
        return METHODS[-1:]
    return METHODS


def runs_under(path, default):
    """The start methods PATH's grading runs it under when DEFAULT is the default."""
    named = exercises.load(path.parent.name).start_methods
    return frozenset(default if m == "default" else m for m in named)


def graded_by_make_test(key, path):
    """Whether `make test` grades PATH on KEY: PATH is a reference solution
    and KEY this interpreter, the same release and build."""
    return (ROOT / "solutions") in path.parents and key == SELF.key and \
        FOUND[key].version == SELF.version


def defaults_for(key, path):
    """The defaults PATH is graded under on KEY: a grading whose runs another
    grading on KEY also makes is not made again (01's spawn default runs only
    the spawn run that its fork default runs too), nor one that `make test`
    makes: the solutions on this interpreter (the same release and build)
    under its native default, or under any default where the default cannot
    matter to PATH."""
    methods = methods_for(path)
    made = []
    if graded_by_make_test(key, path):
        if len(methods) == 1:
            return []
        made.append(runs_under(path, NATIVE))
    chosen = []
    for method in sorted(methods, key=lambda m: -len(runs_under(path, m))):
        if not any(runs_under(path, method) <= runs for runs in made):
            made.append(runs_under(path, method))
            chosen.append(method)
    return [m for m in methods if m in chosen]


def cases(files):
    return [pytest.param(key, method, path, id="%s-%s-%s/%s" % (key, method, path.parent.name,
                                                               path.stem))
            for key in WANTED if key in FOUND for path in files for method in defaults_for(key, path)]


CASES = cases(FILES)


def batches(cases):
    """(interpreter, default, exercise) -> the files of CASES graded so: one batch each."""
    found = {}
    for case in cases:
        key, method, path = case.values
        found.setdefault((key, method, path.parent.name), []).append(path)
    return found


# Each solution in its exercise's batch, as one more correct program (all
# twelve in one grading ran about 30 programs at once, and beside an amplified
# neighbour on a 2-core machine a spawn run on 3.13t ran out of its stretched
# deadline; a batch runs at most eight at once).
SOLUTIONS = cases(sorted((ROOT / "solutions").glob("*/*.py")))
BATCHES = batches(CASES + SOLUTIONS)


def test_every_default_is_graded_once_on_every_interpreter():
    """What the matrix leaves out is made by another of its gradings or by `make
    test`: for every program and interpreter, the runs of each default start
    method are inside a grading made."""
    graded = {}
    for param in CASES + SOLUTIONS:
        key, method, path = param.values
        graded.setdefault((key, path), []).append(runs_under(path, method))
    for key in FOUND:
        for path in FILES + sorted((ROOT / "solutions").glob("*/*.py")):
            made = graded.get((key, path), [])
            if graded_by_make_test(key, path):
                made = made + [runs_under(path, NATIVE)]
            if len(methods_for(path)) == 1:
                assert made, (key, path)
                continue
            for method in METHODS:
                assert any(runs_under(path, method) <= runs for runs in made), (key, method, path)
    if METHODS == ["fork", "spawn", "forkserver"]:  # and nothing twice: 01 runs under the
        # default and spawn (so its spawn default is inside its fork default), 02 under all three
        # (on every interpreter, this one too: `make test` grades no program of the corpus)
        first = next(p for p in FILES if p.parent.name == "01_processes")
        second = next(p for p in FILES if p.parent.name == "02_process_info")
        for key in FOUND:
            assert defaults_for(key, first) == ["fork", "forkserver"], key
            assert defaults_for(key, second) == ["fork"], key


@pytest.mark.parametrize("key", [k for k in WANTED if k not in FOUND])
def test_interpreter_is_here(key):
    pytest.skip("Python %s is not on this machine" % key)


@pytest.mark.timeout(1500)
@pytest.mark.parametrize("key, method, exercise", list(BATCHES),
                         ids=["%s-%s-%s" % batch for batch in BATCHES])
def test_corpus_verdicts(key, method, exercise, tmp_path):
    """One grading session for the corpus files and the reference solution of
    one exercise on one interpreter under one default start method (a batch)."""
    graded = grade_batch(exercise, BATCHES[(key, method, exercise)], tmp_path,
                         python=FOUND[key].path, method=method)
    problems = verdict_problems(graded)
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("key", [k for k in WANTED if k.endswith("t")])
def test_the_grader_installs_and_grades_on_a_free_threaded_python(key, tmp_path):
    """`make PYTHON=python3.13t` builds the grader's own environment on a build
    without a GIL (jsonschema's newest rpds-py has no wheel for it: pip takes
    an older one) and grades with it."""
    if key not in FOUND:
        pytest.skip("Python %s is not on this machine" % key)
    venv = tmp_path / "venv"
    made = subprocess.run(["make", "-C", str(ROOT), "%s/.installed" % venv,
                           "PYTHON=%s" % FOUND[key].path, "VENV=%s" % venv],
                          capture_output=True, text=True, timeout=900)
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    out = tmp_path / "results.json"
    graded = subprocess.run([str(venv / "bin" / "python"), "-m", "grader", "check", "05_lock",
                             "08_deadlock", "--src", str(ROOT / "solutions"), "--format", "json",
                             "--output", str(out)], cwd=str(tmp_path), capture_output=True,
                            text=True, timeout=300)
    results = json.loads(out.read_text(encoding="utf-8"))
    assert graded.returncode == 0 and results["status"] == "pass", graded.stdout + graded.stderr
    gil = subprocess.run([str(venv / "bin" / "python"), "-c", "import sys, jsonschema, grader; "
                          "print(sys._is_gil_enabled())"], capture_output=True, text=True)
    assert gil.stdout.strip() == "False", gil.stdout + gil.stderr
