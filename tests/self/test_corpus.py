"""Every program in tests/corpus/ is graded through the command line.

A corpus file says in its first comment lines what the grader must answer:
    # wrong: <what the mistake is>          (or: # correct: <the style>)
    # fails: <check name>                   (one line per check that must fail)
    # says: <text the failing check's message must contain>   (any number)
A wrong program must fail every `fails` check, mentioning every `says` text in
their messages; a correct one must pass every check.
"""
import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def expectations(path):
    spec = {"kind": None, "fails": [], "says": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"#\s*(wrong|correct|fails|says):\s*(.*)$", line)
        if not m:
            break
        key, value = m.groups()
        if key in ("wrong", "correct"):
            spec["kind"] = key
        else:
            spec[key].append(value.strip())
    return spec


FILES = sorted(CORPUS.glob("*/*.py"))


@pytest.mark.parametrize("path", FILES, ids=["%s/%s" % (p.parent.name, p.stem) for p in FILES])
def test_corpus_verdict(path, grade):
    spec = expectations(path)
    assert spec["kind"], "%s has no '# wrong:' or '# correct:' header" % path
    code, results = grade(path.parent.name, path)
    by_check = {t["check"]: t for t in results["tests"]}
    if spec["kind"] == "correct":
        failed = {name: t["message"] for name, t in by_check.items() if t["status"] != "pass"}
        assert not failed and code == 0, failed
        return
    assert spec["fails"], "%s names no check that must fail" % path
    assert code == 1 and results["status"] == "fail"
    messages = ""
    for name in spec["fails"]:
        assert name in by_check, "no check called %r" % name
        assert by_check[name]["status"] == "fail", "%s passed" % name
        messages += by_check[name]["message"] + "\n"
    for text in spec["says"]:
        assert text in messages, "%r not in:\n%s" % (text, messages)


def test_corpus_is_large_enough():
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        wrong = [p for p in folder.glob("*.py") if expectations(p)["kind"] == "wrong"]
        assert len(wrong) >= 6, "%s has only %d wrong programs" % (folder.name, len(wrong))
