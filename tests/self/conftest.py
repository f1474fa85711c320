import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # interpreters.py, shared with the matrix


def grade_file(exercise, file, tmp_path):
    """Grade FILE as EXERCISE through the command line; returns (exit code, results)."""
    out = tmp_path / ("%s-%s.json" % (exercise, Path(file).stem))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "grader", "check", exercise, "--file", str(file),
                           "--format", "json", "--output", str(out)],
                          cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=300)
    assert out.exists(), "the grader wrote no results:\n%s\n%s" % (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture
def grade(tmp_path):
    return lambda exercise, file: grade_file(exercise, file, tmp_path)


@pytest.fixture(scope="session")
def own_user_python():
    """An interpreter that a run as a user of its own can start (the grader
    must be root); the test is skipped, saying why, where there is none."""
    from grader import isolation
    if os.geteuid() != 0:
        pytest.skip("runs as another user need a grader that runs as root")
    found = [sys.executable, getattr(sys, "_base_executable", None), shutil.which("python3"),
             "/usr/bin/python3"]
    tried = [p for p in dict.fromkeys(found) if p and os.path.exists(p)]
    for python in tried:
        if isolation.for_another_user(python)[1] is None:
            return python
    pytest.skip("no interpreter here can be run by another user (tried %s)" % ", ".join(tried))
