"""The check-authoring API (grader.kata) on suites written here and runs made
from traces written here."""
import textwrap

import pytest

from grader import kata
from test_trace_model import ev, traced

SUITE = """
from grader.kata import Mistake, check, crash_hints, explains_failure

crash_hints((["ZeroDivisionError"], "Do not divide by zero."))

@explains_failure
def explain(run, mistake):
    if "KeyError" in mistake.got:
        return mistake.but(more="A key was missing.", hint="Look the key up first.")

@check(2, "main prints hi", "main 打印 hi")
def prints_hi(run):
    if not run.printed("hi"):
        raise Mistake("main prints `hi`", "nobody printed `hi`")

@check(1, "hi comes once", "hi 只打印一次", after=prints_hi)
def once(run):
    pass
"""


def suite(source=SUITE):
    namespace = {"__name__": "a_suite"}
    exec(compile(textwrap.dedent(source), "a_suite.py", "exec"), namespace)
    return namespace


def crashed(tmp_path, error):
    return traced(tmp_path, [ev(10.1, "write", stream="stderr", text=(
        "Traceback (most recent call last):\n  File \"prog.py\", line 4, in <module>\n%s\n"
        % error))])


def test_the_suite_s_checks_in_order_program_runs_first():
    checks = kata.checks_of(suite())
    assert [(c.name, c.points, c.after) for c in checks] == [
        ("program_runs", 1, None), ("prints_hi", 2, None), ("once", 1, "prints_hi")]
    assert checks[1].title_zh == "main 打印 hi" and all(c.fn.__test__ for c in checks)


@pytest.mark.parametrize("source, says", [
    ("@check(1, 'a', 'a')\ndef run_it(run): pass\n@check(1, 'b', 'b')\ndef run_it(run): pass\n",
     "has the name of something above it"),
    ("def helper(run): pass\n@check(1, 'a', 'a')\ndef helper(run): pass\n",
     "has the name of something above it"),
    ("@check(1, 'a', 'a', after='later')\ndef first(run): pass\n",
     "which is not a check above it"),
])
def test_a_suite_that_would_lose_a_check_does_not_load(source, says):
    with pytest.raises(ValueError, match=says):
        suite("from grader.kata import check\n" + source)


def test_a_helper_defined_after_a_check_of_its_name_is_found():
    namespace = suite("from grader.kata import check\n@check(1, 'a', 'a')\ndef lines(run): pass\n"
                      "def lines(run): return []\n")
    with pytest.raises(ValueError, match="hidden by another lines"):
        kata.checks_of(namespace)


def test_a_check_after_another_is_not_checked_until_that_one_passes(tmp_path):
    namespace = suite()
    silent = traced(tmp_path, [])
    mistake = kata.why_not_checked(silent, namespace["once"], namespace)
    assert mistake.got == "not checked until `main prints hi` passes (see that check)"
    said = traced(tmp_path, [ev(10.1, "write", stream="stdout", text="hi\n")])
    assert kata.why_not_checked(said, namespace["once"], namespace) is None
    assert kata.why_not_checked(said, namespace["prints_hi"], namespace) is None


def test_a_run_that_cannot_be_judged_is_not_checked_but_by_program_runs(tmp_path):
    namespace = suite()
    run = crashed(tmp_path, "ValueError: x")
    run.timed_out = True
    assert "not checked: the program did not finish" in \
        kata.why_not_checked(run, namespace["prints_hi"], namespace).got
    assert kata.why_not_checked(run, namespace["program_runs"], namespace) is None


@pytest.mark.parametrize("error, hint, more", [
    ("ZeroDivisionError: division by zero", "Do not divide by zero.", None),
    ("KeyError: 'x'", "Look the key up first.", "A key was missing."),
    ("ValueError: x", "Read the traceback from the bottom up", None),
])
def test_program_runs_says_what_the_suite_knows_of_a_crash(tmp_path, error, hint, more):
    namespace = suite()
    with pytest.raises(kata.Mistake) as failed:
        namespace["program_runs"](crashed(tmp_path, error))
    mistake = failed.value
    assert mistake.expected == "no process of the program raises an exception"
    assert error in mistake.got and mistake.hint.startswith(hint)
    assert mistake.got.endswith(more) if more else "missing" not in mistake.got


def test_a_mistake_shows_the_run_it_is_judged_on(tmp_path):
    run = traced(tmp_path, [ev(10.1, "write", stream="stdout", text="hi\n")])
    line, = run.lines
    drawn = kata.Mistake("a", "b", lines=[line]).as_dict(run)
    assert ">  0.20s  main pid 100" in drawn["timeline"] and "hi" in drawn["timeline"]
    assert kata.Mistake("a", "b", timeline=False).as_dict(run)["timeline"] == ""


def test_and_list():
    assert [kata.and_list(x) for x in ([], ["a"], ["a", "b"], iter("abc"))] == [
        "", "a", "a and b", "a, b and c"]
