"""`python -m grader classroom`: the generated GitHub Classroom workflow.

1. Both modes parse as YAML and are consistent with what the Classroom actions
   accept: plain alphanumeric step ids, the reporter's runners are those ids
   in order, one ID_RESULTS variable per id, points and timeouts from the
   exercises' metadata, a pinned checkout of the grader into .grader/.
2. The grading commands really grade in the command grader's environment
   (nothing but PATH and HOME), from a workspace that holds the student's
   exercises/ and a pinned copy of the grader in .grader/: a solution passes,
   the stub fails.  The per-check script hands the reporter a valid result,
   and a program that forges that result and kills the grader gets an error.
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from grader.commands import classroom
from grader.grading import exercise as exercises
from grader.report.formats import FORMATS

ROOT = exercises.ROOT
NAMES = exercises.names()
FAST = "04_threads"  # the quickest exercise to grade
BARE = {"PATH": "/usr/local/bin:/usr/bin:/bin"}  # plus HOME: the command grader's environment


def generate(*args):
    proc = subprocess.run([sys.executable, "-m", "grader", "classroom", "--output", "-"] + list(args),
                          cwd=str(ROOT), capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def parsed(*args):
    proc = generate(*args)
    assert proc.returncode == 0, proc.stderr
    return yaml.safe_load(proc.stdout)


def grading_steps(flow):
    steps = flow["jobs"]["run-autograding-tests"]["steps"]
    return [s for s in steps if "id" in s], steps[-1]


@pytest.mark.parametrize("per_check", [False, True])
def test_workflow_is_consistent(per_check):
    flow = parsed("--source", "example-org/katas", "--ref", "v1",
                  *(["--per-check"] if per_check else []))
    assert flow["name"] == "Autograding Tests"
    assert flow["on"] == ["push", "workflow_dispatch"]
    assert flow["permissions"] == {"checks": "write", "actions": "read", "contents": "read"}
    job = flow["jobs"]["run-autograding-tests"]
    assert job["runs-on"] == "ubuntu-latest"
    steps, reporter = grading_steps(flow)
    ids = [s["id"] for s in steps]
    assert len(steps) == len(NAMES) and len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9]+", i) for i in ids), ids
    assert re.fullmatch(r"([a-zA-Z0-9]+,)*[a-zA-Z0-9]+", reporter["with"]["runners"])
    assert reporter["uses"] == "classroom-resources/autograding-grading-reporter@v1"
    assert reporter["with"]["runners"].split(",") == ids
    assert reporter["env"] == {i.upper() + "_RESULTS": "${{ steps.%s.outputs.result }}" % i
                               for i in ids}
    for step, name in zip(steps, NAMES):
        ex = exercises.load(name)
        assert name in step["name"]
        if per_check:
            assert "uses" not in step and 1 <= step["timeout-minutes"] <= 10
            assert "--format classroom" in step["run"] and '"$GITHUB_OUTPUT"' in step["run"]
            assert "check %s " % name in step["run"] and '"max_score": %d' % ex.points in step["run"]
        else:
            assert step["uses"] == "classroom-resources/autograding-command-grader@v1"
            given = step["with"]
            assert set(given) == {"test-name", "setup-command", "command", "timeout", "max-score"}
            assert name in given["test-name"] and given["max-score"] == ex.points
            assert isinstance(given["timeout"], int) and 1 <= given["timeout"] <= 10
            assert given["command"] == classroom.grading_command(ex)
            assert "make -C .grader check EX=%s " % name in given["command"]
    # The pinned copy is checked out before any grading, into .grader/; no checkout
    # leaves the job's token in a .git/config that the student's program could read.
    before = job["steps"][:job["steps"].index(steps[0])]
    checkouts = [s for s in before if s.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 2 and all(s["with"]["persist-credentials"] is False
                                       for s in checkouts)
    pinned = [s for s in before if s.get("with", {}).get("path") == ".grader"]
    assert pinned and pinned[0]["with"]["repository"] == "example-org/katas"
    assert pinned[0]["with"]["ref"] == "v1" and "GRADER_TOKEN" in pinned[0]["with"]["token"]
    assert any(s.get("with", {}).get("python-version") == "3.11" for s in before)


def test_sources():
    def source(given):
        flow = parsed("--source", given, "--ref", "0123abc")
        steps = flow["jobs"]["run-autograding-tests"]["steps"]
        return next(s for s in steps if "grader and its tests" in s.get("name", ""))

    for given in ("me/katas", "https://github.com/me/katas.git", "git@github.com:me/katas.git"):
        assert source(given)["with"]["repository"] == "me/katas"
    other = source("https://git.example.edu/course/katas.git")
    assert "fetch -q --depth 1 https://git.example.edu/course/katas.git 0123abc" in other["run"]
    for bad in (["--source", "./katas"], ["--source", "me/katas", "--ref", "v1; rm -rf /"]):
        proc = generate(*bad)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr


def test_writes_the_file(tmp_path):
    out = tmp_path / "wf" / "classroom.yml"
    proc = generate("--source", "me/katas", "--output", str(out))
    assert proc.returncode == 0 and yaml.safe_load(out.read_text(encoding="utf-8"))["jobs"]


# --- the commands, run as the Classroom actions run them -------------------------------


def borrow_venv(project):
    """Give PROJECT, a copy of this project, a working .venv without a network
    install: a folder of symlinks to the entries of this project's .venv plus
    its own .installed marker, made newer than the copy's pyproject.toml, so
    `make` neither creates a venv nor runs pip.  The shared venv is never
    written to.  `python -m grader` run from PROJECT imports PROJECT's grader
    (the working directory comes first on sys.path)."""
    venv = project / ".venv"
    venv.mkdir()
    for entry in (ROOT / ".venv").iterdir():
        if entry.name != ".installed":
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed").touch()
    os.utime(str(project / "pyproject.toml"), (0, 0))


def prune_step():
    steps = parsed("--source", "me/katas")["jobs"]["run-autograding-tests"]["steps"]
    return next(s for s in steps if s.get("name", "").startswith("Keep only"))


@pytest.fixture(scope="module")
def pinned(tmp_path_factory):
    """The pinned copy a workflow checks out, after the workflow's pruning step:
    this project's working tree (the code under test is the current code; a
    `git clone` would give the last commit) in BASE/.grader, pruned by the
    step's own script run from BASE."""
    base = tmp_path_factory.mktemp("job")
    copy = base / ".grader"
    shutil.copytree(str(ROOT), str(copy), ignore=shutil.ignore_patterns(
        ".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", "build"))
    assert (copy / "solutions").is_dir() and (copy / "tests/corpus").is_dir()
    proc = subprocess.run(["bash", "-e", "-c", prune_step()["run"]], cwd=str(base),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    borrow_venv(copy)
    return copy


def test_pruned_copy_keeps_no_solutions(pinned):
    kept = {p.name for p in pinned.iterdir()} - {".venv"}
    assert kept == {"grader", "exercises", "tests", "Makefile", "pyproject.toml", "README.md"}
    assert [p.name for p in (pinned / "tests").iterdir()] == ["katas"]


def workspace(tmp_path, pinned, student_file=None):
    """A job's workspace: the student's exercises/ (stubs, with STUDENT_FILE as
    the fast exercise's file) and the pinned grader in .grader/."""
    ws = tmp_path / "workspace"
    shutil.copytree(str(exercises.EXERCISES), str(ws / "exercises"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    if student_file is not None:
        ex = exercises.load(FAST)
        shutil.copy(str(student_file), str(ex.student_file(ws / "exercises")))
    (ws / ".grader").symlink_to(pinned, target_is_directory=True)
    return ws


def bare_run(command, ws, shell="sh", **extra):
    """COMMAND as the command grader runs it: /bin/sh, only PATH and HOME."""
    env = dict(BARE, HOME=str(ws.parent / "home"), **extra)
    os.makedirs(env["HOME"], exist_ok=True)
    argv = ["env", "-i"] + ["%s=%s" % kv for kv in env.items()] + [shell, "-c", command]
    return subprocess.run(argv, cwd=str(ws), capture_output=True, text=True, timeout=240)


def command_for(name, per_check=False):
    flow = parsed("--source", "me/katas", *(["--per-check"] if per_check else []))
    steps, _ = grading_steps(flow)
    step = steps[NAMES.index(name)]
    return step["run"] if per_check else step["with"]["command"]


@pytest.mark.parametrize("student, passes", [("solutions", True), ("exercises", False)])
def test_command_grades_with_only_path_and_home(student, passes, pinned, tmp_path):
    ex = exercises.load(FAST)
    ws = workspace(tmp_path, pinned, ex.student_file(ROOT / student))
    proc = bare_run(command_for(FAST), ws)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert "Score: " in proc.stdout, proc.stdout + proc.stderr
    assert (proc.returncode == 0) == passes, proc.stdout + proc.stderr


def reporter_result(ws):
    """The per-check step's `result` output, decoded as the reporter decodes it."""
    outputs = (ws.parent / "github_output").read_text(encoding="utf-8").splitlines()
    lines = [l for l in outputs if l.startswith("result=")]
    assert len(lines) == 1, outputs
    return json.loads(base64.b64decode(lines[0][len("result="):]).decode("utf-8"))


def per_check_run(ws):
    (ws.parent / "runner_temp").mkdir()
    return bare_run(command_for(FAST, per_check=True), ws, shell="bash",
                    RUNNER_TEMP=str(ws.parent / "runner_temp"),
                    GITHUB_OUTPUT=str(ws.parent / "github_output"),
                    GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(ws.parent / "summary"))


needs_format = pytest.mark.skipif("classroom" not in FORMATS,
                                  reason="the grader has no classroom format yet")


@needs_format
@pytest.mark.parametrize("student, passes", [("solutions", True), ("exercises", False)])
def test_per_check_step_hands_the_reporter_a_result(student, passes, pinned, tmp_path):
    ex = exercises.load(FAST)
    ws = workspace(tmp_path, pinned, ex.student_file(ROOT / student))
    proc = per_check_run(ws)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = reporter_result(ws)
    assert result["version"] == 1 and result["max_score"] == ex.points
    assert result["status"] == ("pass" if passes else "fail"), result
    earned = sum(t["score"] for t in result["tests"])
    assert (earned == ex.points) == passes and len(result["tests"]) == len(ex.checks)


FORGER = '''
import json, os, posix, signal
# A student's program that finds its grader's --output file, writes a full
# score into it and kills the grader before it can write the real result
# (with posix.kill: the harness refuses os.kill on the grader, an honest mix-up).
pid = os.getppid()  # the run's keeper; the grader is an ancestor of it
while True:
    argv = open("/proc/%%d/cmdline" %% pid, "rb").read().decode().split("\\0")
    if "--output" in argv:
        break
    pid = int(open("/proc/%%d/stat" %% pid).read().rsplit(")", 1)[1].split()[1])
with open(argv[argv.index("--output") + 1], "w") as f:
    json.dump({"version": 1, "status": "pass", "max_score": %(points)d, "tests": [
        {"name": "FORGED", "status": "pass", "score": %(points)d, "message": "",
         "test_code": "", "filename": "", "line_no": 0, "duration": 0}]}, f)
open(%(marker)r, "w").close()
posix.kill(pid, signal.SIGKILL)
'''


@needs_format
def test_per_check_result_cannot_be_forged_by_killing_the_grader(pinned, tmp_path):
    ex = exercises.load(FAST)
    marker = tmp_path / "forged"
    forger = tmp_path / ex.file
    forger.write_text(FORGER % {"points": ex.points, "marker": str(marker)}, encoding="utf-8")
    ws = workspace(tmp_path, pinned, forger)
    proc = per_check_run(ws)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert marker.exists(), "the forging program did not run: a weak test"
    result = reporter_result(ws)
    assert "FORGED" not in json.dumps(result)
    assert result["status"] == "error" and sum(t["score"] for t in result["tests"]) == 0, result


def test_default_source_is_this_projects_origin_at_its_commit(monkeypatch):
    answers = {("remote", "get-url", "origin"): "git@github.com:me/katas.git",
               ("rev-parse", "HEAD"): "0123456789abcdef0123456789abcdef01234567"}
    monkeypatch.setattr(classroom, "_git", lambda *args: answers.get(args))
    source = classroom.resolve_source()
    assert (source.where, source.ref, source.github) == ("me/katas", answers[("rev-parse", "HEAD")],
                                                         True)
    assert classroom.resolve_source(ref="v2").ref == "v2"
    assert classroom.resolve_source("other/katas").ref == "main"
    monkeypatch.setattr(classroom, "_git", lambda *args: None)
    with pytest.raises(classroom.SourceError, match="--source"):
        classroom.resolve_source()
