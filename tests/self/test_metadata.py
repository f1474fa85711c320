"""Each exercise folder is complete and its metadata matches its hidden suite."""
import ast

import pytest

from grader import exercise as exercises


@pytest.mark.parametrize("name", exercises.names())
def test_exercise_is_complete(name):
    ex = exercises.load(name)
    folder = exercises.EXERCISES / name
    assert (folder / ex.file).is_file()
    assert (exercises.ROOT / "solutions" / name / ex.file).is_file()
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in readme), "README has no Chinese text"
    assert ex.title and ex.title_zh and ex.hints
    assert set(ex.start_methods) <= {"default", "fork", "spawn", "forkserver"}
    assert 0 < ex.time_scale <= 1 and ex.deadline > 0


@pytest.mark.parametrize("name", exercises.names())
def test_checks_match_suite(name):
    ex = exercises.load(name)
    suites = list(ex.suite.glob("test_*.py"))
    assert len(suites) == 1, "one suite file per exercise"
    tree = ast.parse(suites[0].read_text(encoding="utf-8"))
    tests = [n.name[len("test_"):] for n in tree.body
             if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    assert tests == [c.name for c in ex.checks], "info.toml checks and suite tests differ"
    assert tests[0] == "program_runs"
    assert all(c.points > 0 and c.title for c in ex.checks)
