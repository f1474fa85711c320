"""Each exercise folder is complete and its metadata matches its hidden suite."""
import pytest

from grader.grading import exercise as exercises


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
def test_the_suite_declares_the_checks(name):
    """Points and titles live in the suite (grader.kata), once; info.toml keeps
    what is the exercise's."""
    ex = exercises.load(name)
    assert len(list(ex.suite.glob("test_*.py"))) == 1, "one suite file per exercise"
    with open(exercises.EXERCISES / name / "info.toml", "rb") as f:
        assert "checks" not in exercises.tomllib.load(f), "checks belong to the suite"
    names = [c.name for c in ex.checks]
    assert names[0] == "program_runs" and len(names) == len(set(names)) > 1
    assert all(c.points > 0 and c.title and c.title_zh and c.fn for c in ex.checks)
