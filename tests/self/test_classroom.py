"""`python -m grader actions` (old name `classroom`): the GitHub Actions
workflow that grades every push, with no classroom service behind it.

1. It parses as YAML and is one job: the student's checkout and a pinned
   checkout of the grader into .grader/ (no token left on disk), the current
   major versions of actions/checkout and actions/setup-python, the chosen
   Python (3.14 by default), and a grading step -- no GitHub Classroom action.
2. The grading step's script really grades with nothing but PATH and HOME,
   from a workspace that holds the student's exercises/ and the pruned pinned
   copy in .grader/: a solution exits 0 (a green job), the stub exits 1 (red).
3. On Actions it writes the checks table to $GITHUB_STEP_SUMMARY and an error
   annotation per failed check on the student's file, relative to the
   repository; the student's text cannot forge a workflow command.
"""
import os
import re
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest
import yaml

from actions_job import workflow_commands
from grader.commands import actions
from grader.grading import exercise as exercises
from grader.grading.grade import CheckResult, ExerciseResult
from grader.report import formats

ROOT = exercises.ROOT
NAMES = exercises.names()
FAST = "04_threads"  # the quickest exercise to grade
BARE = {"PATH": "/usr/local/bin:/usr/bin:/bin"}  # plus HOME: nothing else


def generate(*args, command="actions"):
    proc = subprocess.run([sys.executable, "-m", "grader", command, "--output", "-"] + list(args),
                          cwd=str(ROOT), capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def parsed(*args, **kw):
    proc = generate(*args, **kw)
    assert proc.returncode == 0, proc.stderr
    return yaml.safe_load(proc.stdout)


@pytest.mark.parametrize("command", ["actions", "classroom"])
def test_workflow_is_one_job_without_classroom(command):
    proc = generate("--source", "example-org/katas", "--ref", "v1", command=command)
    assert "autograding" not in proc.stdout and "classroom-resources" not in proc.stdout
    flow = yaml.safe_load(proc.stdout)
    assert flow["on"] == ["push", "workflow_dispatch"]
    assert flow["permissions"] == {"contents": "read"}
    assert list(flow["jobs"]) == ["grade"]
    job = flow["jobs"]["grade"]
    assert job["runs-on"] == "ubuntu-latest" and 5 <= job["timeout-minutes"] <= 60
    steps = job["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses == ["actions/checkout@v7", "actions/checkout@v7", "actions/setup-python@v7",
                    "actions/upload-artifact@v7"]
    assert [s["with"]["python-version"] for s in steps if "setup-python" in s.get("uses", "")] \
        == ["3.14"]
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert all(s["with"]["persist-credentials"] is False for s in checkouts)
    pinned = [s for s in steps if s.get("with", {}).get("path") == ".grader"]
    assert pinned[0]["with"]["repository"] == "example-org/katas"
    assert pinned[0]["with"]["ref"] == "v1" and "GRADER_TOKEN" in pinned[0]["with"]["token"]
    grade = next(s for s in steps if s.get("id") == "grade")
    assert 1 <= grade["timeout-minutes"] <= 30
    assert "check %s --src" % " ".join(NAMES) in grade["run"]
    assert "env -i " in grade["run"] and "GITHUB_OUTPUT" not in grade["run"]
    assert "GITHUB_ENV" not in grade["run"] and "TOKEN" not in grade["run"]
    # after it, even when it failed: the report page as an artifact, linked from the summary
    page, link = steps[steps.index(grade) + 1:]
    html = re.search(r"--html (\S+)", grade["run"]).group(1)
    assert page["uses"] == "actions/upload-artifact@v7" and page["if"] == "${{ !cancelled() }}"
    assert page["with"]["path"] == ".grader/" + html and page["id"] == "page"
    assert link["env"] == {"PAGE_URL": "${{ steps.page.outputs.artifact-url }}"}
    assert "${{" not in link["run"] and link["run"].count("\n") == 0  # no expression in the script
    assert 'echo "A picture of each run, in a page: [grading-report]($PAGE_URL)' in link["run"]
    assert link["run"].endswith('>> "$GITHUB_STEP_SUMMARY"')


def test_python_version_and_exercises_are_chosen():
    flow = parsed("--source", "me/katas", "--python", "3.13t", "--exercise", "04",
                  "--exercise", "05_lock")
    steps = flow["jobs"]["grade"]["steps"]
    assert [s["with"]["python-version"] for s in steps if "setup-python" in s.get("uses", "")] \
        == ["3.13t"]
    assert "check 04_threads 05_lock --src" in next(s["run"] for s in steps
                                                    if s.get("id") == "grade")
    for bad in (["--python", "3.8"], ["--python", "3.14; rm -rf /"], ["--exercise", "99_x"]):
        proc = generate("--source", "me/katas", *bad)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr


def test_sources():
    def source(given):
        flow = parsed("--source", given, "--ref", "0123abc")
        steps = flow["jobs"]["grade"]["steps"]
        return next(s for s in steps if "grader and its tests" in s.get("name", ""))

    for given in ("me/katas", "https://github.com/me/katas.git", "git@github.com:me/katas.git"):
        assert source(given)["with"]["repository"] == "me/katas"
    other = source("https://git.example.edu/course/katas.git")
    assert "fetch -q --depth 1 https://git.example.edu/course/katas.git 0123abc" in other["run"]
    for bad in (["--source", "./katas"], ["--source", "me/katas", "--ref", "v1; rm -rf /"]):
        proc = generate(*bad)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr


def test_writes_the_file(tmp_path):
    out = tmp_path / "wf" / "grade.yml"
    proc = generate("--source", "me/katas", "--output", str(out))
    assert proc.returncode == 0 and yaml.safe_load(out.read_text(encoding="utf-8"))["jobs"]


# --- the grading step, run as the runner runs it ---------------------------------------


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
    steps = parsed("--source", "me/katas")["jobs"]["grade"]["steps"]
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


def grading_script(*args):
    flow = parsed("--source", "me/katas", "--exercise", FAST, *args)
    return next(s["run"] for s in flow["jobs"]["grade"]["steps"] if s.get("id") == "grade")


@pytest.mark.parametrize("student, passes", [("solutions", True), ("exercises", False)])
def test_grading_step_works_with_only_path_and_home(student, passes, pinned, tmp_path):
    ex = exercises.load(FAST)
    ws = workspace(tmp_path, pinned, ex.student_file(ROOT / student))
    proc = bare_run(grading_script(), ws, shell="bash")
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert "Score: " in proc.stdout, proc.stdout + proc.stderr
    assert ("Score: %d/%d" % (ex.points, ex.points) in proc.stdout) == passes, proc.stdout
    assert proc.returncode == (0 if passes else 1), proc.stdout + proc.stderr  # green or red
    assert "::error" not in proc.stdout  # annotations only on GitHub Actions
    page = ws / ".grader" / actions.PAGE  # for the artifact step
    assert "A picture of each run, in a page: %s" % actions.PAGE in proc.stdout
    assert "<svg" in page.read_text(encoding="utf-8")


FORGER = """\
import threading, time
def loop():
    for i in range(5):
        print("::set-output name=score::%(points)d")
        print("x%%0A::error file=exercises/forged.py,line=1::FORGED%%0D%%0A::notice::FORGED")
        print("\\r::error::FORGED\\n::add-mask::FORGED")
        time.sleep(0.5)
if __name__ == "__main__":
    t = threading.Thread(target=loop, name="X%%0A::error::FORGED\\n::warning::FORGED")
    t.start()
"""


@pytest.mark.parametrize("student", ["exercises", "forger"])
def test_summary_and_annotations_on_actions(student, pinned, tmp_path):
    ex = exercises.load(FAST)
    program = ex.student_file(ROOT / student) if student == "exercises" else tmp_path / ex.file
    if student == "forger":
        program.write_text(FORGER % {"points": ex.points}, encoding="utf-8")
    ws = workspace(tmp_path, pinned, program)
    summary = tmp_path / "step_summary.md"
    summary.write_text("")
    proc = bare_run(grading_script(), ws, shell="bash", GITHUB_ACTIONS="true",
                    GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(ws))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    table = summary.read_text(encoding="utf-8")
    rows = [l for l in table.splitlines() if l.startswith("| %s |" % FAST)]
    assert len(rows) == len(ex.checks) and table.startswith("| exercise | check | result |")
    failed = sum("❌" in r for r in rows)
    total = re.search(r"\*\*(\d+)/(\d+)\*\*", table)
    assert failed and total.group(2) == str(ex.points)
    if student == "forger":
        assert "FORGED" in proc.stdout, "the program's lines are not in the report: a weak test"
    commands = workflow_commands(proc.stdout)
    assert [c[0] for c in commands] == ["stop-commands"] + ["error"] * failed, commands
    for _, props, value in commands[1:]:
        assert re.fullmatch(r"file=exercises/%s/%s,line=\d+,title=%s%%3A .+" % (
            FAST, re.escape(ex.file), FAST), props), props
        assert "FORGED" not in value and "\n" not in value and "\r" not in value
        assert "::set-output" not in value


def test_student_text_in_a_message_stays_in_its_annotation():
    """A message quoting the program's text (a newline, a CR, `%0A`, `::`)
    yields one command per failed check whose value decodes to that text."""
    ex = exercises.load(FAST)
    tricks = "x%0A::error::FORGED\n::set-output name=score::46\r::warning::FORGED %25 %"
    check = CheckResult("named", "a check", 2, False, [("default", {
        "expected": "e", "got": "your line `%s` at line 7" % tricks, "hint": None,
        "timeline": ""})])
    result = ExerciseResult(ex, "/ws/exercises/04_threads/threads.py", [check])
    lines = formats.annotations([result], {"GITHUB_WORKSPACE": "/ws"})
    commands = workflow_commands("\n".join(lines))
    assert len(lines) == 1 and [c[0] for c in commands] == ["error"], commands
    props, value = commands[0][1], commands[0][2]
    assert props == "file=exercises/04_threads/threads.py,line=7,title=04_threads%3A a check"
    decoded = value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    assert tricks in decoded.replace("\u200b", "") and "\n::" not in decoded  # defanged too


def test_default_source_is_this_projects_origin_at_its_commit(monkeypatch):
    answers = {("remote", "get-url", "origin"): "git@github.com:me/katas.git",
               ("rev-parse", "HEAD"): "0123456789abcdef0123456789abcdef01234567"}
    monkeypatch.setattr(actions, "_git", lambda *args: answers.get(args))
    source = actions.resolve_source()
    assert (source.where, source.ref, source.github) == ("me/katas", answers[("rev-parse", "HEAD")],
                                                         True)
    assert actions.resolve_source(ref="v2").ref == "v2"
    assert actions.resolve_source("other/katas").ref == "main"
    monkeypatch.setattr(actions, "_git", lambda *args: None)
    with pytest.raises(actions.SourceError, match="--source"):
        actions.resolve_source()


def test_the_readme_says_what_the_commands_do():
    """The instructors' section names what the code does: the actions' versions,
    the default Python, the workflow's path and name, the retired service, the
    commands in the command table, and Classroom 50's steps as classroom50
    prints them."""
    from grader.commands import classroom50, export
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## For instructors"):readme.index("## Result formats")]
    table = readme[readme.index("## Commands"):readme.index("## For students")]
    for words in ("grader classroom50", "--format ctrf", "--format classroom50", "`actions`"):
        assert words in table, words
    assert "retired" in section and "Autograding Tests" not in readme
    assert "`%s`" % actions.CHECKOUT in section and "`%s`" % actions.SETUP_PYTHON in section
    assert "default `%s`" % actions.PYTHON in section
    assert "`%s`" % export.WORKFLOW in section and "name: Grading" in generate(
        "--source", "me/katas").stdout
    assert "%d s by default" % classroom50.TIME_LIMIT in section
    printed = "\n".join(classroom50.commands("build/katas", "build/katas-template", "ORG",
                                             "CLASSROOM", "katas"))
    flat = re.sub(r"\s+", " ", section)
    for command in ("gh teacher init ORG", "gh teacher classroom add ORG CLASSROOM --name",
                    "gh repo edit ORG/katas-template --template",
                    "gh teacher assignment add ORG CLASSROOM katas --name \"Python concurrency "
                    "katas\" --template ORG/katas-template", "gh student accept ORG CLASSROOM katas",
                    "--org ORG --classroom CLASSROOM --slug katas",
                    "CLASSROOM/autograders/katas/"):
        assert command in flat, command
        assert command in printed or command.startswith("--org"), command
