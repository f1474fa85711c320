"""`make test-matrix`: every reference solution passes and every program of the
corpus gets its verdict under each CPython 3.9-3.13 on the machine and under
each start method standing for the platform's default (fork: Linux up to
3.13; spawn: macOS and Windows; forkserver: Linux from 3.14).

An exercise that also runs under spawn or forkserver keeps those runs; only
its 'default' run changes.  A version missing here is skipped, never failed.
"""
import glob
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader import exercise as exercises
from test_corpus import CORPUS, expectations

ROOT = exercises.ROOT
VERSIONS = ["3.9", "3.10", "3.11", "3.12", "3.13"]
METHODS = ["fork", "spawn", "forkserver"]
if os.environ.get("MATRIX_QUICK"):  # the subset: oldest and newest, and 3.14's default
    VERSIONS, METHODS = ["3.9", "3.13"], ["forkserver"]
FILES = sorted(CORPUS.glob("*/*.py"))


def python(version):
    found = sorted(glob.glob("/root/.pyenv/versions/%s.*/bin/python3" % version))
    found = found or [p for p in (os.popen("command -v python%s" % version).read().strip(),) if p]
    if not found:
        pytest.skip("Python %s is not on this machine" % version)
    return found[-1]


def grade(args, version, method, tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, "-m", "grader", "check", *args, "--python",
                           python(version), "--default-method", method,
                           "--format", "json", "--output", str(out)],
                          cwd=str(ROOT), env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=300)
    assert out.exists() and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return proc.returncode, json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("version", VERSIONS)
def test_solutions_pass(version, method, tmp_path):
    code, results = grade(["--src", str(ROOT / "solutions")], version, method, tmp_path)
    failed = {t["name"]: t["message"] for t in results["tests"] if t["status"] != "pass"}
    assert code == 0 and not failed, failed


@pytest.mark.parametrize("path", FILES, ids=["%s/%s" % (p.parent.name, p.stem) for p in FILES])
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("version", VERSIONS)
def test_corpus_verdict(version, method, path, tmp_path):
    spec = expectations(path)
    code, results = grade([path.parent.name, "--file", str(path)], version, method, tmp_path)
    by_check = {t["check"]: t for t in results["tests"]}
    if spec["kind"] == "correct":
        failed = {name: t["message"] for name, t in by_check.items() if t["status"] != "pass"}
        assert code == 0 and not failed, failed
        return
    assert code == 1 and results["status"] == "fail"
    messages = ""
    for name in spec["fails"]:
        assert by_check[name]["status"] == "fail", "%s passed" % name
        messages += by_check[name]["message"] + "\n"
    for text in spec["says"]:
        assert text in messages, "%r not in:\n%s" % (text, messages)
