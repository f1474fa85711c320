"""`python -m grader list`: the progress table (done, not yet, missing file,
points), what to do next, congratulations when all pass; in English by
default and in Chinese with GRADER_LANG=zh."""
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from grader.grading import exercise as exercises
from grader.commands.progress import first_not_done, progress_text


def points(name):
    return exercises.load(name).points


def full(name):
    return "%d/%d" % (points(name), points(name))


def not_full(row):
    """The stub's row: some points (the program runs), not all."""
    got, total = (int(x) for x in row[-1].split("/"))
    return 0 < got < total == points(row[0])

ROOT = Path(__file__).resolve().parents[2]
LANG_VARS = ("GRADER_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


# `list` as the command runs it, and on standard error what each check that did
# not pass said: a total that is not what it should be names its cause.
LIST_SAYING_WHY = """import sys
from grader.commands import cli
from grader.commands.progress import grade_everything
real = grade_everything
def told(src):
    results = real(src)
    for r in results:
        for c in r.checks:
            for method, m in c.failures[:1]:
                print("%s %s [%s]: %s" % (r.exercise.name, c.name, method,
                                          (m.get("got") or "")[:600]), file=sys.stderr)
    return results
sys.modules["grader.commands.progress"].grade_everything = told
sys.exit(cli.main(["list"] + sys.argv[1:]))
"""


def start_list(src, **env):
    full = {k: v for k, v in os.environ.items() if k not in LANG_VARS}
    full.update(env, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", LIST_SAYING_WHY, "--src", str(src)],
                            cwd=str(ROOT), env=full, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(proc):
    out, err = proc.communicate(timeout=300)
    assert "Traceback" not in err, err
    proc.said = err  # what the checks that did not pass said
    return proc.returncode, out


def row(out, name):
    return next(line.split() for line in out.splitlines() if line.startswith(name))


def test_list_shows_progress_and_what_to_do_next(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "solutions", src)
    shutil.copy(ROOT / "exercises" / "03_daemon" / "daemon.py", src / "03_daemon")
    (src / "04_threads" / "threads.py").unlink()
    # In Chinese, a folder with 01 and 02 solved, 03's stub and no other file.
    few = tmp_path / "few"
    for name in ("01_processes", "02_process_info"):
        shutil.copytree(ROOT / "solutions" / name, few / name)
    shutil.copytree(ROOT / "exercises" / "03_daemon", few / "03_daemon")
    # the two gradings at once: each is mostly waiting for the programs
    mixed, mixed_zh = start_list(src), start_list(few, GRADER_LANG="zh")

    code, out = finish(mixed)
    assert code == 0
    assert out.split("\n")[1].split() == ["exercise", "title", "status", "points"]
    assert row(out, "01_processes")[-2:] == ["done", full("01_processes")]
    assert row(out, "03_daemon")[-3:-1] == ["not", "yet"] and not_full(row(out, "03_daemon"))
    assert row(out, "04_threads")[-3:] == ["missing", "file", "0/%d" % points("04_threads")]
    assert row(out, "05_lock")[-2:] == ["done", full("05_lock")]
    names = exercises.names()
    total = sum(exercises.load(n).points for n in names)
    # all but 03 (the stub: 2 of its 11 points) and 04 (missing) are done
    assert row(out, "total")[-3:] == ["%d/%d" % (len(names) - 2, len(names)), "done",
                                      "%d/%d" % (total - 11 + 2 - 8, total)], out + mixed.said
    assert "Next up: 03_daemon (A daemon worker)" in out
    assert str(src / "03_daemon" / "daemon.py") in out
    assert "make check EX=03_daemon SRC=%s" % src in out
    assert "make hint EX=03_daemon" in out
    assert "Congratulations" not in out

    code, out = finish(mixed_zh)
    assert code == 0
    assert out.split("\n")[1].split() == ["练习", "标题", "状态", "得分"]
    assert row(out, "01_processes")[-2:] == ["完成", full("01_processes")]
    assert row(out, "03_daemon")[-3:-1] == ["守护进程", "未完成"] and not_full(row(out, "03_daemon"))
    assert row(out, "04_threads")[-2:] == ["缺少文件", "0/%d" % points("04_threads")]
    assert "下一个：03_daemon（守护进程）" in out
    assert "Next up" not in out and "not yet" not in out


def test_when_every_exercise_passes_list_says_congratulations(monkeypatch):
    """The table and the closing line of a run where all pass (each exercise's
    own grading is tested in test_solutions_and_stubs.py)."""
    for var in LANG_VARS:
        monkeypatch.delenv(var, raising=False)
    names = exercises.names()
    results = [SimpleNamespace(exercise=exercises.load(n), passed=True, score=points(n),
                               file=str(exercises.load(n).student_file(ROOT / "solutions")))
               for n in names]
    out = progress_text(results, ROOT / "solutions")
    total = sum(points(n) for n in names)
    assert "All %d exercises pass. Congratulations!" % len(names) in out
    assert "Next up" not in out
    assert row(out, "total")[-3:] == ["%d/%d" % (len(names), len(names)), "done",
                                      "%d/%d" % (total, total)], out
    assert all(row(out, n)[-2:] == ["done", full(n)] for n in names), out


def test_list_of_a_missing_folder_says_so(tmp_path):
    code, out = finish(start_list(tmp_path / "nothing"))
    assert code == 2
    assert out.strip() == "There is no folder %s: give --src a folder laid out like exercises/." % (
        tmp_path / "nothing")


def test_first_not_done_starts_after_the_current_one_and_wraps():
    results = [SimpleNamespace(exercise=SimpleNamespace(name=n), passed=p)
               for n, p in [("01", False), ("02", True), ("03", False), ("04", True)]]
    assert first_not_done(results).exercise.name == "01"
    assert first_not_done(results, after="01").exercise.name == "03"
    assert first_not_done(results, after="03").exercise.name == "01"
    assert first_not_done([r for r in results if r.passed]) is None
