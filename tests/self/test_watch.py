"""`python -m grader watch`: saving a fixed file makes it grade again and move
on, with file events and with polling; the native observer falls back to
polling; several writes make one grading, reading the file none; Ctrl-C
stops cleanly."""
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from watchdog.events import FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from grader.grading import exercise as exercises
from grader.commands import watch

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120  # generous: only a failure waits this long


def wait_for(condition, what, timeout=TIMEOUT):
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out waiting for " + what
        time.sleep(0.05)


def make_src(tmp_path, stubs):
    """A copy of solutions/ with the untouched stubs of STUBS in it."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "solutions", src)
    for name in stubs:
        for stub in (ROOT / "exercises" / name).glob("*.py"):
            shutil.copy(stub, src / name / stub.name)
    return src


def save_solution(src, name, atomic):
    """Copy the reference solution over the stub, as an editor saves."""
    solution = next((ROOT / "solutions" / name).glob("*.py"))
    target = src / name / solution.name
    if atomic:  # write a temporary file and rename it over the old one
        tmp = target.with_suffix(".py.tmp")
        shutil.copyfile(solution, tmp)
        os.replace(tmp, target)
    else:
        shutil.copyfile(solution, target)


class Watcher:
    """`python -m grader watch ARGS` with its output collected as it comes."""

    def __init__(self, *args):
        env = dict(os.environ, PYTHONPATH=str(ROOT), GRADER_LANG="en")
        self.proc = subprocess.Popen([sys.executable, "-m", "grader", "watch"] + list(args),
                                     cwd=str(ROOT), env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines, self.errors = [], []
        for stream, into in ((self.proc.stdout, self.lines), (self.proc.stderr, self.errors)):
            threading.Thread(target=lambda s=stream, i=into: i.extend(iter(s.readline, "")),
                             daemon=True).start()

    def output(self):
        return "".join(self.lines)

    def wait_line(self, start, count=1):
        wait_for(lambda: sum(l.startswith(start) for l in self.lines) >= count or
                 self.proc.poll() is not None, repr(start))
        assert sum(l.startswith(start) for l in self.lines) >= count, self.output()

    def exit_code(self):
        wait_for(lambda: self.proc.poll() is not None, "watch to end")
        self.proc.wait()
        return self.proc.returncode

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def watcher():
    started = []
    yield lambda *args: started.append(Watcher(*args)) or started[-1]
    for w in started:
        w.stop()


def test_polling_regrades_a_saved_file_and_moves_on_to_the_next(tmp_path, watcher):
    src = make_src(tmp_path, ["03_daemon", "04_threads"])
    w = watcher("--src", str(src), "--poll", "--interval", "0.1")
    w.wait_line("Watching " + str(src / "03_daemon"))
    assert " FAIL " in w.output() and "/%d\n" % exercises.load("03_daemon").points in w.output()
    assert "Score: %d/" % exercises.load("03_daemon").points not in w.output()
    save_solution(src, "03_daemon", atomic=False)
    w.wait_line("03_daemon passes! On to 04_threads.")
    w.wait_line("Watching " + str(src / "04_threads"))
    save_solution(src, "04_threads", atomic=False)
    assert w.exit_code() == 0, w.output()
    out = w.output()
    assert "Grading 03_daemon" in out and "Grading 04_threads" in out
    assert out.rstrip().endswith("Every exercise passes. Congratulations! 恭喜你全部完成!")
    assert "Traceback" not in "".join(w.errors)


def test_file_events_regrade_a_saved_file_and_stop_when_all_pass(tmp_path, watcher):
    src = make_src(tmp_path, ["03_daemon"])
    w = watcher("03", "--src", str(src))
    w.wait_line("Watching " + str(src / "03_daemon"))
    assert "File events do not work here" not in w.output()
    save_solution(src, "03_daemon", atomic=True)
    assert w.exit_code() == 0, w.output()
    assert w.output().count("Grading 03_daemon") == 2  # the first grading and the one after saving
    assert "Every exercise passes" in w.output()
    assert "A picture of each run, in a page: build/report/03_daemon.html" in w.output()
    assert "<svg" in (ROOT / "build" / "report" / "03_daemon.html").read_text(encoding="utf-8")


def test_without_a_save_nothing_moves_on_and_ctrl_c_stops_cleanly(tmp_path, watcher):
    src = make_src(tmp_path, ["03_daemon"])
    w = watcher("03", "--src", str(src))
    w.wait_line("Watching ")
    w.proc.send_signal(signal.SIGINT)
    assert w.exit_code() == 0
    assert w.output().count("Grading") == 1
    assert w.output().rstrip().endswith("Stopped watching.")
    assert "Traceback" not in "".join(w.errors), w.errors


def test_ctrl_c_during_grading_stops_cleanly(tmp_path, watcher):
    src = make_src(tmp_path, ["03_daemon"])
    w = watcher("03", "--src", str(src))
    w.wait_line("Grading 03_daemon")
    w.proc.send_signal(signal.SIGINT)
    assert w.exit_code() == 0
    assert "Stopped watching." in w.output() and "Watching" not in w.output()
    assert "Traceback" not in "".join(w.errors), w.errors


def test_friendly_errors(tmp_path, watcher):
    unknown = watcher("nope", "--src", str(tmp_path))
    missing = watcher("--src", str(tmp_path / "missing"))
    assert unknown.exit_code() == 2 and missing.exit_code() == 2
    wait_for(lambda: unknown.lines and missing.lines, "the messages")
    assert "There is no exercise called 'nope'" in unknown.output()
    assert "There is no folder" in missing.output()
    assert not unknown.errors and not missing.errors


class Seen(FileSystemEventHandler):
    def __init__(self):
        self.paths = []

    def on_any_event(self, event):
        self.paths.append(os.path.basename(event.src_path))
        self.paths.append(os.path.basename(getattr(event, "dest_path", "") or ""))


@pytest.mark.parametrize("poll", [False, True], ids=["native", "polling"])
def test_several_writes_make_one_grading_and_reading_makes_none(tmp_path, poll):
    """A later file's event arrives after every earlier one (one watch), so
    waiting for it shows which events there were, without sleeping."""
    target = tmp_path / "daemon.py"
    target.write_text("x = 0\n")
    saves, seen = watch.Saves(), Seen()
    saves.watch(target)
    observer = watch.start_observer(tmp_path, saves, poll=poll, interval=0.1)
    observer.schedule(seen, str(tmp_path), recursive=True)

    def settle(name):
        (tmp_path / name).write_text("later")
        wait_for(lambda: name in seen.paths, "the event of " + name)

    try:
        settle("sentinel0")
        assert not saves.saved.is_set()
        for i in range(5):  # an editor writing several times
            target.write_text("x = %d\n" % (i + 1))
        settle("sentinel1")
        assert saves.saved.is_set()
        done = threading.Thread(target=saves.wait, kwargs={"quiet": 0.2}, daemon=True)
        done.start()
        done.join(TIMEOUT)
        assert not done.is_alive() and not saves.saved.is_set()  # one grading for all five
        target.read_text()  # the grader reads the file: no new grading
        settle("sentinel2")
        assert not saves.saved.is_set()
        target.write_text("x = 9\n")  # a later save is noticed again
        settle("sentinel3")
        assert saves.saved.is_set()
    finally:
        observer.stop()
        observer.join(5)


def test_falls_back_to_polling_when_file_events_fail(tmp_path, monkeypatch):
    class Broken(PollingObserver):
        def start(self):
            raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watch, "Observer", Broken)
    said, saves = [], watch.Saves()
    saves.watch(tmp_path / "daemon.py")
    observer = watch.start_observer(tmp_path, saves, interval=0.1, out=said.append)
    try:
        assert type(observer) is PollingObserver
        assert len(said) == 1 and "inotify watch limit reached" in said[0]
        (tmp_path / "daemon.py").write_text("saved")
        wait_for(saves.saved.is_set, "the save to be noticed")
    finally:
        observer.stop()
        observer.join(5)


def test_native_observer_is_used_unless_poll(tmp_path):
    said = []
    for poll in (False, True):
        observer = watch.start_observer(tmp_path, watch.Saves(), poll=poll, out=said.append)
        try:
            assert isinstance(observer, PollingObserver) == poll or sys.platform not in (
                "linux", "darwin", "win32")
        finally:
            observer.stop()
            observer.join(5)
    assert not said


def test_moving_on_grades_again_only_the_files_changed_since(tmp_path, monkeypatch):
    """After a pass, watch looks for the next exercise not passing: an exercise
    whose file is as it was at its last grading keeps that result; a file
    changed, removed or written anew is graded again."""
    graded = []

    def grade_all(chosen):
        graded.append(sorted(ex.name for ex, _ in chosen))
        return [SimpleNamespace(exercise=ex, file=str(file), passed=file.exists())
                for ex, file in chosen]

    monkeypatch.setattr(watch, "grade_all", grade_all)
    src = make_src(tmp_path, [])
    names = exercises.names()
    file_of = {n: exercises.load(n).student_file(src) for n in names}
    grading = watch.Graded()
    assert [r.passed for r in grading.everything(src)] == [True] * len(names)
    assert graded == [names]
    grading.everything(src)
    assert graded[1:] == []  # nothing changed: nothing graded
    file_of["04_threads"].write_text("print('edited')\n")
    file_of["07_pool"].unlink()
    results = grading.everything(src)
    assert graded[1:] == [["04_threads", "07_pool"]]
    assert [r.exercise.name for r in results if not r.passed] == ["07_pool"]
    grading.one(exercises.load("03_daemon"), file_of["03_daemon"])  # graded on its save
    file_of["07_pool"].write_text("print('back')\n")
    grading.everything(src)
    assert graded[2:] == [["03_daemon"], ["07_pool"]]
    file_of["07_pool"].write_text("print('back')\n")  # the same bytes again: no change
    grading.everything(src)
    assert graded[4:] == []
