"""The guide's worked example (docs/writing-a-kata.md), built from its blocks
exactly as written in a copy of the project, passes the self-test there: the
solution passes, the stub fails, the metadata is complete, and every corpus
program, recorded there, gets its verdict."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "writing-a-kata.md"
BLOCK = re.compile(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```\n", re.S)


def test_the_guide_s_example_passes_the_self_test(tmp_path):
    files = BLOCK.findall(GUIDE.read_text(encoding="utf-8"))
    assert len(files) >= 12, "the guide shows the stub, solution, suite, metadata and corpus"
    for part in ("grader", "exercises", "tests/katas"):
        shutil.copytree(ROOT / part, tmp_path / part,
                        ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "tests/self").mkdir()
    for name in ("test_corpus.py", "test_metadata.py", "test_replayed_checks.py", "recordings.py",
                 "batching.py", "grade_many.py"):
        shutil.copy(ROOT / "tests/self" / name, tmp_path / "tests/self" / name)
    (tmp_path / "tools").mkdir()
    shutil.copy(ROOT / "tools/record_runs.py", tmp_path / "tools/record_runs.py")
    for path, text in files:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))

    def run(*args):
        return subprocess.run([sys.executable] + list(args), cwd=str(tmp_path), env=env,
                              capture_output=True, text=True, timeout=600)

    solution = run("-m", "grader", "check", "99_greeters", "--src", "solutions")
    assert solution.returncode == 0, solution.stdout + solution.stderr
    stub = run("-m", "grader", "check", "99_greeters")
    assert stub.returncode == 1 and "Traceback" not in stub.stderr, stub.stdout + stub.stderr
    recorded = run("tools/record_runs.py", "99_greeters")
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    tests = run("-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                "tests/self/test_corpus.py", "tests/self/test_metadata.py",
                "tests/self/test_replayed_checks.py",
                "-k", "99_greeters or large_enough or header")
    assert tests.returncode == 0 and re.search(r"^6 passed", tests.stdout, re.M), \
        tests.stdout + tests.stderr
