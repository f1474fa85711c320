"""The attacks on a grading job: each program of tests/hostile_job/ (and the
result forger of tests/hostile/) is graded as a student's 04_threads file in a
simulated GitHub Actions job (actions_job.py) with the generated workflow,
the runner being root or a user that may use sudo without a password (as on
GitHub's hosted runners); the student's program runs as a user of its own.
Whatever it tries, the job summary gets the points the same file earns in an
ordinary grading, the step is green exactly when that grading passes every
check, the file commands hold nothing of the program's, no workflow command
comes from its text, the pinned grader is unchanged, the job's token is
nowhere in reach, and no process of the job outlives its steps."""
import functools
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from actions_job import TOKEN, Job
from grader.commands import actions
from grader.grading import exercise as exercises
from test_classroom import generate, prune_step

ROOT = exercises.ROOT
EXERCISE = exercises.load("04_threads")
ATTACKS = sorted((ROOT / "tests" / "hostile_job").glob("*.py")) + [
    ROOT / "tests" / "hostile" / "04_threads" / "forges_the_result_file.py"]
GRADER_S_OWN = ("stop-commands", "error", "warning", "notice")


@pytest.fixture(scope="module")
def pinned(tmp_path_factory):
    """The pinned copy of the grader after the workflow's pruning step."""
    import shutil
    base = tmp_path_factory.mktemp("pinned")
    shutil.copytree(str(ROOT), str(base / ".grader"), ignore=shutil.ignore_patterns(
        ".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", "build"))
    proc = subprocess.run(["bash", "-e", "-c", prune_step()["run"]], cwd=str(base),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return base / ".grader"


def venv_of(python):
    """Makes a project copy's .venv from PYTHON (which every user can start)
    with this venv's packages, so that `make` installs nothing."""
    import sysconfig

    def make(project):
        venv = project / ".venv"
        subprocess.run([python, "-m", "venv", "--without-pip", str(venv)], check=True,
                       capture_output=True)
        site = next(venv.glob("lib/python*/site-packages"))
        (site / "katas_job.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        (venv / ".installed").touch()
        os.utime(str(project / "pyproject.toml"), (0, 0))
    return make


@pytest.fixture(params=["root", "sudo"])
def runner(request, own_user_python, tmp_path):
    """(the runner's user: None for root, a pwd entry; a folder it owns; its
    interpreter; how to make a venv)."""
    if request.param == "root":
        return None, tmp_path, own_user_python, venv_of(own_user_python)
    grader = request.getfixturevalue("sudo_grader")
    return grader.user, grader.folder(tmp_path.name), grader.python, venv_of(grader.python)


@functools.lru_cache(maxsize=None)
def honest_points(path, python):
    """The points the file earns in an ordinary grading as the job grades
    (a text report, no --output: a program may behave differently when it
    finds one), as a user of its own, from the step summary's total: graded
    once for the jobs it is graded in."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        summary = Path(tmp) / "summary.md"
        subprocess.run([sys.executable, "-m", "grader", "check", EXERCISE.name, "--file",
                        str(path), "--python", python], cwd=str(ROOT),
                       env=dict(os.environ, PYTHONPATH=str(ROOT), GITHUB_STEP_SUMMARY=str(summary),
                                GITHUB_ACTIONS=""), capture_output=True, timeout=300)
        return int(re.findall(r"\*\*(\d+)/\d+\*\*", summary.read_text())[-1])


def digest(folder):
    """The pinned copy's files but its venv, caches and the report page grading writes."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".venv" not in p.parts
                       and "__pycache__" not in p.parts and p != folder / actions.PAGE):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("path", ATTACKS, ids=[p.stem for p in ATTACKS])
def test_an_attack_on_the_job_changes_no_score(path, runner, own_user_python, pinned, tmp_path):
    user, folder, python, venv = runner
    honest = honest_points(path, own_user_python)
    flow = generate("--source", "me/katas", "--exercise", EXERCISE.name).stdout
    job = Job(folder / "job", flow, pinned, venv, EXERCISE, path, user, python)
    before = digest(job.ws / ".grader")

    steps = job.run()
    survivors = job.survivors()
    for proc in survivors:
        proc.kill()

    grading = steps[0]
    log = grading.log
    passed = honest == EXERCISE.points
    assert len(steps) == 1 and grading.code == (0 if passed else 1), (
        grading.code, grading.commands, log[-3000:])
    assert not any(c[0] in ("set-env", "add-path") for c in grading.commands)
    assert "runs as: a user of its own" in log, log[-3000:]
    total = re.findall(r"\*\*(\d+)/(\d+)\*\*", grading.files["GITHUB_STEP_SUMMARY"])
    assert total == [(str(honest), str(EXERCISE.points))], grading.files
    # the grader's own: its annotations (on the student's file; their messages
    # may quote what the program printed, escaped) and its stop-commands
    theirs = [c for c in grading.commands if c[0] not in GRADER_S_OWN or (
        c[0] == "stop-commands" and "PWNED" in c[2]) or (
        c[0] != "stop-commands" and not (c[1] or "").startswith("file=exercises/"))]
    assert theirs == [], theirs
    assert not grading.files["GITHUB_ENV"] and not grading.files["GITHUB_PATH"], grading.files
    assert "PWNED" not in json.dumps(grading.files)
    assert digest(job.ws / ".grader") == before, "the pinned grader was changed"
    assert TOKEN not in log and TOKEN not in (job.ws / ".git" / "config").read_text()
    assert survivors == [], [" ".join(p.cmdline())[:100] for p in survivors]


@pytest.mark.parametrize("name", ["command_files", "rewrites_the_pinned_grader"])
def test_the_attacks_succeed_where_the_program_runs_as_the_grader_s_user(name, pinned, tmp_path):
    """The same job where the program cannot be run as another user (the
    pinned venv's interpreter is out of other users' reach): the attacks do
    reach the file commands and the pinned grader, as the test above would
    see.  That is what a run as a user of its own prevents."""
    from grader.run import isolation
    if isolation.for_another_user(sys.executable)[1] is None:
        pytest.skip("this venv's interpreter can be run by another user: no job here runs the "
                    "program as the grader's user")
    flow = generate("--source", "me/katas", "--exercise", EXERCISE.name).stdout
    job = Job(tmp_path / "job", flow, pinned, venv_of(sys.executable), EXERCISE,
              ROOT / "tests" / "hostile_job" / ("%s.py" % name))
    before = digest(job.ws / ".grader")
    grading = job.run()[0]
    assert "runs as: the grader's own user" in grading.log, grading.log[:2000]
    if name == "command_files":
        assert "PWNED" in grading.files["GITHUB_ENV"] + grading.files["GITHUB_PATH"]
    else:
        assert digest(job.ws / ".grader") != before
