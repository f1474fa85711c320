"""`python -m grader export DIR`: the repository a class starts from.

An export holds no solution code (checked line by line against solutions/),
has the hidden suites exactly when it should, grades its own stubs (a report
and exit code 1, not a traceback), carries a workflow that parses, and is
never written into a folder that has something in it.
"""
import keyword
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from grader.grading import exercise as exercises

ROOT = exercises.ROOT
SOURCE = ["--source", "example-org/katas-grader", "--ref", "v1"]
LEFT_OUT = ["solutions", "tests/corpus", "tests/hostile", "tests/self", "tests/matrix", "tools"]


def export(dest, *args):
    proc = subprocess.run([sys.executable, "-m", "grader", "export", str(dest)] + list(args),
                          cwd=str(ROOT), capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """{hidden: export folder} for both kinds of export."""
    folders = {}
    for hidden in (False, True):
        dest = tmp_path_factory.mktemp("export") / "class"
        proc = export(dest, *SOURCE + (["--hidden-tests"] if hidden else []))
        assert proc.returncode == 0, proc.stderr
        folders[hidden] = dest
    return folders


def code_lines(text):
    """Stripped lines of Python source that are code: no blanks, comments, imports,
    lines of keywords only (`while True:`), or lines too short to say anything of
    their own (`t.start()` is in hints)."""
    for line in text.splitlines():
        line = line.strip()
        if len(line) >= 10 and not line.startswith(("#", "import ", "from ")) and not all(
                keyword.iskeyword(word) for word in re.findall(r"\w+", line)):
            yield line


def solution_lines():
    """{line: solution file} of every line of a solution that its stub does not have."""
    lines = {}
    for solution in sorted((ROOT / "solutions").rglob("*.py")):
        stub = exercises.EXERCISES / solution.relative_to(ROOT / "solutions")
        stub_lines = set(code_lines(stub.read_text(encoding="utf-8")))
        for line in code_lines(solution.read_text(encoding="utf-8")):
            if line not in stub_lines:
                lines[line] = solution.relative_to(ROOT)
    return lines


def leaks(folder):
    """Solution lines found as a line of any file under FOLDER: [(file, line, solution)]."""
    distinctive = solution_lines()
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and ".venv" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            for line in {l.strip() for l in text.splitlines()} & set(distinctive):
                found.append((str(path.relative_to(folder)), line, str(distinctive[line])))
    return found


def test_the_leak_detector_finds_solutions():
    """Not vacuous: every solution has distinctive lines, and the project itself,
    which has solutions/, is flagged for each of them."""
    lines = solution_lines()
    assert {str(p.parent.name) for p in lines.values()} == set(exercises.names())
    flagged = {solution for _, _, solution in leaks(ROOT / "solutions")}
    assert flagged == {str(p) for p in lines.values()}


@pytest.mark.parametrize("hidden", [False, True])
def test_no_solution_code_in_an_export(hidden, exported):
    folder = exported[hidden]
    assert leaks(folder) == []
    for part in LEFT_OUT:
        assert not (folder / part).exists(), part


@pytest.mark.parametrize("hidden", [False, True])
def test_contents(hidden, exported):
    folder = exported[hidden]
    for part in ("exercises", "grader/harness", "Makefile", "pyproject.toml", ".gitignore",
                 "README.md", "INSTRUCTORS.md", ".github/workflows/grade.yml"):
        assert (folder / part).exists(), part
    for name in exercises.names():
        ex = exercises.load(name)
        assert ex.student_file(folder / "exercises").read_bytes() == \
            ex.student_file(exercises.EXERCISES).read_bytes()
        assert (folder / "tests/katas" / name).is_dir() != hidden
    assert not list(folder.rglob("__pycache__"))
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for words in ("make check EX=", "make list", "make hint EX=", "make watch EX=", "评测"):
        assert words in readme
    assert ("cannot grade here" in readme) == hidden
    guide = (folder / "INSTRUCTORS.md").read_text(encoding="utf-8")
    assert "example-org/katas-grader" in guide and "`v1`" in guide
    assert ("GRADER_TOKEN" in guide and "private" in guide) or not hidden
    assert "retired" in guide and "Autograding" not in guide + readme
    assert "Actions → Grading" in readme  # the workflow's name, as the README says


@pytest.mark.parametrize("hidden", [False, True])
def test_workflow_parses_and_is_pinned(hidden, exported):
    text = (exported[hidden] / ".github/workflows/grade.yml").read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    assert flow["name"] == "Grading" and "autograding-grading-reporter" not in text
    steps = flow["jobs"]["grade"]["steps"]
    pinned = [s for s in steps if s.get("with", {}).get("path") == ".grader"]
    assert pinned[0]["with"]["repository"] == "example-org/katas-grader"
    assert pinned[0]["with"]["ref"] == "v1"
    grade = next(s for s in steps if s.get("id") == "grade")
    assert " ".join(exercises.names()) in grade["run"]


def test_export_takes_the_python_version(tmp_path):
    assert export(tmp_path / "a", *SOURCE, "--python", "3.12").returncode == 0
    flow = yaml.safe_load((tmp_path / "a/.github/workflows/grade.yml").read_text())
    assert [s["with"]["python-version"] for s in flow["jobs"]["grade"]["steps"]
            if "setup-python" in s.get("uses", "")] == ["3.12"]
    assert "Python 3.12" in (tmp_path / "a/INSTRUCTORS.md").read_text()
    proc = export(tmp_path / "b", *SOURCE, "--python", "3.8")
    assert proc.returncode == 2 and "3.9" in proc.stderr and not (tmp_path / "b").exists()


def borrow_venv(project):
    """Give PROJECT a working .venv without a network install: a folder of
    symlinks to the entries of this project's .venv plus its own .installed
    marker, made newer than PROJECT's pyproject.toml, so `make` neither creates
    a venv nor runs pip.  The shared venv is never written to.  `python -m
    grader` run from PROJECT imports PROJECT's grader (the working directory
    comes first on sys.path)."""
    venv = project / ".venv"
    venv.mkdir()
    for entry in (ROOT / ".venv").iterdir():
        if entry.name != ".installed":
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed").touch()
    os.utime(str(project / "pyproject.toml"), (0, 0))


def test_make_check_in_an_export_grades_the_stub(tmp_path):
    folder = tmp_path / "class"  # its own export: grading leaves __pycache__ behind
    assert export(folder, *SOURCE).returncode == 0
    borrow_venv(folder)
    root = subprocess.run([".venv/bin/python", "-c", "import grader.grading.exercise as e; print(e.ROOT)"],
                          cwd=str(folder), capture_output=True, text=True, timeout=60)
    assert Path(root.stdout.strip()) == folder.resolve(), "not the export's own grader"
    proc = subprocess.run(["make", "check", "EX=04_threads"], cwd=str(folder),
                          capture_output=True, text=True, timeout=240)
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output
    assert "Score: " in proc.stdout and "FAIL" in proc.stdout, output
    assert "exercises/04_threads/threads.py" in proc.stdout
    assert "Error 1" in proc.stderr and proc.returncode == 2, output  # the grader exited with 1


def test_refuses_a_folder_with_something_in_it(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    proc = export(tmp_path, *SOURCE)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert "not an empty folder" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_check_in_a_hidden_tests_export_says_where_grading_happens(tmp_path):
    folder = tmp_path / "class"
    assert export(folder, *SOURCE, "--hidden-tests").returncode == 0
    borrow_venv(folder)
    proc = subprocess.run([".venv/bin/python", "-m", "grader", "check", "04_threads"],
                          cwd=str(folder), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count("\n") == 1 and "graded when you push" in proc.stderr


def test_export_makefile_has_only_what_works_there(exported):
    text = (exported[False] / "Makefile").read_text(encoding="utf-8")
    for target in ("check:", "list:", "hint:", "watch:"):
        assert "\n" + target in text
    for target in ("test:", "test-matrix:", "bench:"):
        assert "\n" + target not in text
    assert "test-matrix" not in text and "tools/bench.py" not in text
    for gone in ("CPython 3.9+", "forkserver as the default", "ARGS", "only verdicts"):
        assert gone not in text  # the header's lines for them, continuations too
