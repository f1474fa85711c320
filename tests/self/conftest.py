import json
import os
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
