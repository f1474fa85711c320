"""The corpus: realistic programs in tests/corpus/ with the verdict each must get.

A corpus file says in its first comment lines what the grader must answer:
    # wrong: <what the mistake is>          (or: # correct: <the style>)
    # fails: <check name>                   (one line per check that must fail)
    # says: <text the failing check's message must contain>   (any number)
A wrong program must fail every `fails` check, mentioning every `says` text in
their messages; a correct one must pass every check.  `make test` judges each
program on its recorded runs (test_replayed_checks.py); the matrix
(tests/matrix/) grades each live, in batches, on every interpreter.
"""
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


HEADER = re.compile(r"#\s*(wrong|correct|hostile|fails|says|graded only)"
                    r"(?: \((grader's user|own user)\))?:"
                    r"\s*(.*)$")


def expectations(path, mode=None):
    """What PATH's header asks for.  A hostile program (tests/hostile/) is a
    wrong one; its `fails` and `says` lines may hold only where the run is
    the grader's user or a user of its own: `# says (own user): ...`, which
    count only for that MODE ("grader's user" or "own user"); `# graded only:
    grader's user` leaves it out of the other mode."""
    spec = {"kind": None, "fails": [], "says": [], "graded only": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = HEADER.match(line)
        if not m:
            break
        key, only, value = m.groups()
        if key in ("wrong", "correct", "hostile"):
            spec["kind"] = "correct" if key == "correct" else "wrong"
        elif only is None or only == mode:
            spec[key].append(value.strip())
    return spec


def wrong_verdict(path, tests):
    """What is wrong with TESTS (a grading's results for PATH's exercise) against
    PATH's header, or None.  A correct program -- or a reference solution, which has
    no header -- passes every check; a wrong one fails every check its header names,
    their messages saying every `says` text."""
    spec = expectations(path)
    by_check = {t["check"]: t for t in tests}
    if spec["kind"] != "wrong":
        failed = {name: t["message"] for name, t in by_check.items() if t["status"] != "pass"}
        return "failed: %s" % failed if failed else None
    messages = ""
    for name in spec["fails"]:
        if name not in by_check:
            return "no check called %r" % name
        if by_check[name]["status"] != "fail":
            return "%s passed" % name
        messages += (by_check[name]["message"] or "") + "\n"
    missing = [text for text in spec["says"] if text not in messages]
    if not missing:
        return None
    first = by_check.get("program_runs")  # "not checked" above: its message says why
    why = "" if not first or first["status"] == "pass" or "program_runs" in spec["fails"] else \
        "program_runs failed: %s\n" % first["message"]
    return "%r not in:\n%s%s" % (missing[0], why, messages)


FILES = sorted(CORPUS.glob("*/*.py"))


def of_exercise(name):
    return [p for p in FILES if p.parent.name == name]


def verdict_problems(graded):
    """'exercise/program: what is wrong' for each program of GRADED ({path: (exit
    code, results)}) whose grading does not give the verdict its header asks for
    (a reference solution, which has none, must pass)."""
    problems = []
    for path, (code, results) in graded.items():
        problem = wrong_verdict(path, results["tests"])
        wanted = (1, "fail") if expectations(path)["kind"] == "wrong" else (0, "pass")
        if problem is None and (code, results["status"]) != wanted:
            problem = "exit code %s and status %r, not %s and %r" % ((code, results["status"])
                                                                    + wanted)
        if problem:
            name = "%s/%s" % (path.parent.name, path.stem) if CORPUS in path.parents else \
                "the reference solution of %s" % path.parent.name
            if results.get("stacks"):
                problem += "\nThe stack dumps of its stopped runs:\n" + results["stacks"]
            problems.append("%s: %s" % (name, problem))
    return problems


def test_every_corpus_program_has_a_header():
    for path in FILES:
        spec = expectations(path)
        assert spec["kind"], "%s has no '# wrong:' or '# correct:' header" % path
        assert spec["kind"] == "correct" or spec["fails"], "%s names no check that must fail" % path


def test_corpus_is_large_enough():
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        wrong = [p for p in folder.glob("*.py") if expectations(p)["kind"] == "wrong"]
        assert len(wrong) >= 6, "%s has only %d wrong programs" % (folder.name, len(wrong))


def test_a_reference_solution_in_a_batch_must_pass():
    """The matrix grades each solution in its exercise's batch: with no header, it
    must pass every check, with exit code 0."""
    solution = CORPUS.parent.parent / "solutions" / "05_lock" / "bank.py"
    passed = {"status": "pass", "tests": [{"check": "balance_zero", "status": "pass",
                                           "message": None}]}
    failed = {"status": "fail", "tests": [{"check": "balance_zero", "status": "fail",
                                           "message": "g_balance ended as 3"}]}
    assert verdict_problems({solution: (0, passed)}) == []
    assert verdict_problems({solution: (1, failed)}) == [
        "the reference solution of 05_lock: failed: {'balance_zero': 'g_balance ended as 3'}"]
    assert verdict_problems({solution: (1, dict(passed, status="fail"))}) == [
        "the reference solution of 05_lock: exit code 1 and status 'fail', not 0 and 'pass'"]


def test_a_wrong_verdict_of_a_run_that_hung_shows_its_raw_stack_dumps(tmp_path):
    """A batch keeps the stack dumps of its stopped runs as the processes wrote
    them, and a wrong verdict's message shows them (the report's summary of a
    hang names only lines of the student's file)."""
    import types
    from batching import read_batch
    from grade_many import write_results
    from grader.grading import exercise as exercises
    from grader.grading.grade import CheckResult, ExerciseResult
    ex = exercises.load("04_threads")
    hung = types.SimpleNamespace(stacks={4242: 'Current thread 0x1 (most recent call first):\n'
                                               '  File "/usr/lib/python3.13/threading.py", '
                                               'line 1090 in join'})
    failed = CheckResult("program_runs", "runs", 1, False, [("fork", {"got": "it hung"})])
    write_results([ExerciseResult(ex, "threads.py", [failed], runs={"fork": hung})], tmp_path)
    path = CORPUS / "04_threads" / "daemon_no_join.py"
    graded = read_batch([path], tmp_path)
    problem, = verdict_problems(graded)
    assert "under fork, pid 4242:" in problem and "threading.py\", line 1090 in join" in problem

