"""Every hidden suite passes on solutions/ and fails on the untouched stubs."""
import pytest

from grader.grading import exercise as exercises

NAMES = exercises.names()


def test_there_are_five_katas():
    assert NAMES[:5] == ["01_processes", "02_process_info", "03_daemon", "04_threads", "05_lock"]


@pytest.mark.parametrize("name", NAMES)
def test_solution_passes(name, grade):
    ex = exercises.load(name)
    code, results = grade(name, ex.student_file(exercises.ROOT / "solutions"))
    failed = {t["check"]: t["message"] for t in results["tests"] if t["status"] != "pass"}
    assert not failed and code == 0, failed
    assert len(results["tests"]) == len(ex.checks)


@pytest.mark.parametrize("name", NAMES)
def test_stub_fails(name, grade):
    ex = exercises.load(name)
    code, results = grade(name, ex.student_file(exercises.EXERCISES))
    assert code == 1 and results["status"] == "fail"
    failed = [t for t in results["tests"] if t["status"] == "fail"]
    assert failed and all(t["message"] for t in failed)
    # The stubs run: what fails is the concurrency, not the program -- except the
    # deadlock kata's, whose stub deadlocks as the exercise says.
    runs = next(t for t in results["tests"] if t["check"] == "program_runs")
    if name == "08_deadlock":
        assert runs["status"] == "fail" and "deadlocked" in runs["message"]
    else:
        assert runs["status"] == "pass"
