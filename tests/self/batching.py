"""Gradings made in batches: many files of one exercise in one grading
session (tests/self/grade_many.py), for the corpus in `make test` and in the
matrix."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BATCH_JOBS = 8  # runs at once in a batch (the programs mostly sleep)


def grade_batch(exercise, files, outdir, python="-", method="-"):
    """Grade FILES as EXERCISE in one grading session (tests/self/grade_many.py);
    {file: (exit code `check` would give, its JSON results)}."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "self" / "grade_many.py"),
                           exercise, str(outdir), str(BATCH_JOBS), python, method]
                          + [str(f) for f in files],
                          cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=1500)
    assert "Traceback" not in proc.stderr and proc.returncode == 0, proc.stdout + proc.stderr
    return read_batch(files, outdir)


def read_batch(files, outdir):
    """{file: (exit code, results)} of a batch written to OUTDIR (grade_many.py)."""
    graded = {}
    for n, f in enumerate(files):
        results = json.loads((outdir / ("%d.json" % n)).read_text(encoding="utf-8"))
        stacks = outdir / ("%d.stacks" % n)
        if stacks.exists():  # for the message of a wrong verdict, not a field of the format
            results["stacks"] = stacks.read_text(encoding="utf-8")
        graded[f] = (int((outdir / ("%d.code" % n)).read_text()), results)
    return graded
