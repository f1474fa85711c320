"""`python -m grader hint EX`: one more hint each time, remembered per
exercise in .grader-hints.json in the current directory; --reset, --all;
friendly messages without an exercise; Chinese hints with GRADER_LANG=zh."""
import json

import pytest

from grader.grading import exercise as exercises
from grader.commands import hints
from grader.commands.cli import main

DAEMON = exercises.load("03_daemon")


@pytest.fixture
def hint(tmp_path, monkeypatch, capsys):
    """Run `hint ARGS` in an empty directory; returns (exit code, output)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GRADER_LANG", "en")

    def call(*args):
        code = main(["hint"] + list(args))
        return code, capsys.readouterr().out
    return call


def shown(out, ex=DAEMON, language="hints"):
    return [h for h in getattr(ex, language) if h in out]


def test_one_more_hint_each_time(hint, tmp_path):
    assert len(DAEMON.hints) == 3
    code, out = hint("03_daemon")
    assert code == 0 and shown(out) == DAEMON.hints[:1]
    assert "(1 of 3)" in out and "again for hint 2 of 3" in out
    assert json.loads((tmp_path / hints.STATE_FILE).read_text()) == {"03_daemon": 1}
    assert shown(hint("03")[1]) == DAEMON.hints[:2]
    code, out = hint("03_daemon")
    assert shown(out) == DAEMON.hints and "That was the last hint: all 3 are shown." in out
    code, out = hint("03_daemon")
    assert shown(out) == DAEMON.hints and "All 3 hints are shown." in out and "--reset" in out


def test_each_exercise_counts_by_itself_and_reset_starts_over(hint, tmp_path):
    hint("03_daemon")
    hint("03_daemon")
    locks = exercises.load("05_lock")
    assert shown(hint("05_lock")[1], locks) == locks.hints[:1]
    assert json.loads((tmp_path / hints.STATE_FILE).read_text()) == {"03_daemon": 2, "05_lock": 1}
    assert shown(hint("03_daemon", "--reset")[1]) == DAEMON.hints[:1]
    assert shown(hint("03_daemon")[1]) == DAEMON.hints[:2]


def test_all_shows_every_hint(hint):
    code, out = hint("04_threads", "--all")
    threads = exercises.load("04_threads")
    assert code == 0 and shown(out, threads) == threads.hints and len(threads.hints) == 4


def test_without_or_with_an_unknown_exercise_it_says_which_there_are(hint):
    for args in [(), ("99_nothing",)]:
        code, out = hint(*args)
        assert code == 2
        assert all(name in out for name in exercises.names())
        assert not shown(out)


def test_a_broken_or_unwritable_state_file_still_gives_hints(hint, tmp_path):
    (tmp_path / hints.STATE_FILE).write_text("{not json")
    code, out = hint("03_daemon")
    assert code == 0 and shown(out) == DAEMON.hints[:1]
    (tmp_path / hints.STATE_FILE).unlink()
    (tmp_path / hints.STATE_FILE).mkdir()
    code, out = hint("03_daemon")
    assert code == 0 and shown(out) == DAEMON.hints[:1]
    assert "Could not remember which hints you saw" in out


def test_chinese_hints(hint, monkeypatch):
    monkeypatch.setenv("GRADER_LANG", "zh")
    code, out = hint("03_daemon")
    assert shown(out, language="hints_zh") == DAEMON.hints_zh[:1] and not shown(out)
    assert "03_daemon 的提示：守护进程（第 1 条，共 3 条）" in out
