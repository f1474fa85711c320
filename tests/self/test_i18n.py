"""The grader's frame in English (the default) or 简体中文 (GRADER_LANG=zh,
or a zh_* locale): report labels, summary table, check titles."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader.grading import exercise as exercises
from grader import i18n
from grader.grading.grade import CheckResult, ExerciseResult
from grader.report.text import summary_table, text_report

ROOT = Path(__file__).resolve().parents[2]
LANG_VARS = ("GRADER_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
ENGLISH = ["Expected: ", "Your run: ", "Hint: ", "Your run as a timeline:", "Score: ",
           "Next: fix", "Same cause as above", "Stuck?"]
CHINESE = ["期望：", "你的运行：", "提示：", "你的运行时间线：", "得分: ", "下一步：修正「",
           "原因同上：", "卡住了?"]


def test_both_languages_have_every_message():
    assert set(i18n.EN) == set(i18n.ZH)


@pytest.mark.parametrize("env, expected", [
    ({}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"GRADER_LANG": "zh"}, "zh"),
    ({"GRADER_LANG": "zh_CN"}, "zh"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"GRADER_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"GRADER_LANG": "zh", "LC_ALL": "en_US.UTF-8"}, "zh"),
])
def test_language_choice(monkeypatch, env, expected):
    for var in LANG_VARS:
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.lang() == expected


@pytest.mark.parametrize("name", exercises.names())
def test_every_exercise_has_chinese_check_titles_and_hints(name):
    ex = exercises.load(name)
    assert all(c.title_zh for c in ex.checks)
    assert len(ex.hints_zh) == len(ex.hints)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in ex.hints_zh)


def made_up_result():
    """A failing 03_daemon result, made without running anything."""
    ex = exercises.load("03_daemon")
    mistake = {"expected": "a worker process", "got": "main started no process",
               "hint": "start one", "timeline": "  0.00s  main  Work in [0]"}
    checks = [CheckResult(c.name, c.title, c.points, i == 0,
                          [] if i == 0 else [("spawn", dict(mistake))])
              for i, c in enumerate(ex.checks)]
    return ExerciseResult(ex, "exercises/03_daemon/daemon.py", checks)


def test_report_labels_follow_the_language(monkeypatch):
    result = made_up_result()
    monkeypatch.setenv("GRADER_LANG", "en")
    english = text_report(result) + summary_table([result])
    monkeypatch.setenv("GRADER_LANG", "zh")
    chinese = text_report(result) + summary_table([result])
    for text, present, absent in [(english, ENGLISH, CHINESE), (chinese, CHINESE, ENGLISH)]:
        assert all(label in text for label in present), text
        assert not any(label in text for label in absent), text
    assert "Under the 'spawn' start method" in english and "在'spawn' 启动方式" in chinese
    assert "the daemon is stopped when main ends" in english
    assert "main 结束时守护进程被停止" in chinese
    assert "the daemon is stopped when main ends" not in chinese
    assert "checks passed" in english and "通过的检查" in chinese and "checks passed" not in chinese
    assert "main started no process" in chinese  # what the suites say stays English


def start_check(**env):
    full = {k: v for k, v in os.environ.items() if k not in LANG_VARS}
    full.update(env, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "grader", "check", "03_daemon", "04_threads"],
                            cwd=str(ROOT), env=full, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_check_of_failing_stubs_in_each_language():
    runs = {"default": start_check(), "GRADER_LANG=zh": start_check(GRADER_LANG="zh"),
            "LANG=zh_CN.UTF-8": start_check(LANG="zh_CN.UTF-8")}
    for how, proc in runs.items():
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 1 and "Traceback" not in err, err
        present, absent = (ENGLISH, CHINESE) if how == "default" else (CHINESE, ENGLISH)
        assert all(label in out for label in present), (how, out)
        assert not any(label in out for label in absent), (how, out)
        zh_title = "工作进程在启动之前被设为守护进程"
        assert (zh_title in out) == (how != "default"), (how, out)
        assert ("合计" in out) == (how != "default") and ("total" in out) == (how == "default")
