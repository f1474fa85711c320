"""`python -m grader watch [EXERCISE]`: grade the current exercise (EXERCISE,
or the first one not passing) and grade it again each time its file is saved;
when it passes, move on to the next exercise not passing (grading again only
the files changed since their last grading), and stop when every exercise
passes (like rustlings' watch mode).  Ctrl-C stops.

Saves are noticed with watchdog's native observer (inotify, FSEvents, ...),
or by checking the file every --interval seconds (PollingObserver) with
--poll or when the native observer cannot start.
"""
import os
import signal
import sys
import threading
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from grader.grading import exercise as exercises
from grader.grading.grade import grade_all
from grader.i18n import t
from grader.commands.progress import first_not_done, shown_path
from grader.commands.cli import write_result
from grader.report.html import html_page
from grader.report.text import inert, text_report

QUIET = 0.3  # seconds without another event before grading: editors write several times
WRITES = {"modified", "created", "moved", "deleted", "closed"}  # not "opened": grading reads it


def arguments(parser):
    parser.add_argument("exercise", nargs="?",
                        help="start with this exercise (default: the first one not passing)")
    parser.add_argument("--src", default=str(exercises.EXERCISES),
                        help="folder laid out like exercises/ (default: exercises/)")
    parser.add_argument("--poll", action="store_true",
                        help="check the file every --interval seconds instead of using file events")
    parser.add_argument("--interval", type=float, default=0.5,
                        help="seconds between checks when polling (default: 0.5)")


class Saves(FileSystemEventHandler):
    """Notices writes to one file (the target), which can change."""

    def __init__(self):
        self.target = None
        self.saved = threading.Event()

    def watch(self, path):
        path = os.path.normcase(os.path.realpath(path))
        if path != self.target:
            self.target = path
            self.saved.clear()

    def on_any_event(self, event):
        if event.is_directory or event.event_type not in WRITES:
            return
        paths = (event.src_path, getattr(event, "dest_path", ""))
        if self.target in (os.path.normcase(os.path.realpath(os.fsdecode(p))) for p in paths if p):
            self.saved.set()

    def wait(self, quiet=QUIET, stopped=None):
        """Return once the target was written and then left alone for QUIET seconds
        (KeyboardInterrupt when STOPPED is set meanwhile)."""
        while not self.saved.wait(0.2):
            if stopped is not None and stopped.is_set():
                raise KeyboardInterrupt
        while True:
            self.saved.clear()
            if not self.saved.wait(quiet):
                return


def start_observer(folder, handler, poll=False, interval=0.5, out=print):
    """An observer sending the events under FOLDER to HANDLER: the native one,
    or a PollingObserver when POLL is set or the native one fails to start."""
    if not poll:
        observer = Observer()
        try:
            observer.schedule(handler, str(folder), recursive=True)
            observer.start()
            return observer
        except Exception as e:  # e.g. the inotify limits are reached
            out(t("watch_fallback", error=e, interval=interval))
    observer = PollingObserver(timeout=interval)
    observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    return observer


class Graded:
    """The last result of each exercise and the content of the file it was
    graded on: moving on after a pass grades again only the files that are new,
    gone or changed since their last grading, not all twelve."""

    def __init__(self):
        self.last = {}  # exercise name -> (the file, its bytes or None, the result)

    def one(self, ex, file):
        seen = content(file)
        result = grade_all([(ex, file)])[0]
        self.last[ex.name] = (str(file), seen, result)
        return result

    def everything(self, src):
        """One ExerciseResult per exercise, for its file in SRC."""
        chosen = [(ex, ex.student_file(src)) for ex in map(exercises.load, exercises.names())]
        now = {ex.name: (str(file), content(file)) for ex, file in chosen}  # read once
        stale = [(ex, file) for ex, file in chosen
                 if self.last.get(ex.name, ())[:2] != now[ex.name]]
        for (ex, _), result in zip(stale, grade_all(stale) if stale else []):
            self.last[ex.name] = now[ex.name] + (result,)
        return [self.last[ex.name][2] for ex, _ in chosen]


def content(path):
    """PATH's bytes, or None when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def say(text):
    print(inert(text), flush=True)


def clear_screen():
    if sys.stdout.isatty():
        print("\033[2J\033[H", end="", flush=True)


def watch_loop(current, src, saves, stopped, grading):
    """Show CURRENT (an ExerciseResult), wait for a save, grade again; move on
    when it passes.  Returns 0 once every exercise passes."""
    while True:
        clear_screen()
        if current.passed:
            nxt = first_not_done(graded(grading.everything, stopped, src),
                                 after=current.exercise.name)
            if nxt is None:
                say(t("watch_done"))
                return 0
            say(t("passed_next", name=current.exercise.name, next=nxt.exercise.name))
            current = nxt
        say(text_report(current))
        say(t("picture_at", path=shown_path(page_of(current))))
        file = current.exercise.student_file(src)
        saves.watch(file)
        say("\n" + t("watching", file=shown_path(file)))
        saves.wait(stopped=stopped)
        say(t("grading", name=current.exercise.name))
        current = graded(grading.one, stopped, current.exercise, file)


def page_of(result):
    """Write the page of RESULT (its checks and a picture of each run) to
    build/report/EXERCISE.html, as `make check HTML=1` does; its path."""
    page = exercises.ROOT / "build" / "report" / ("%s.html" % result.exercise.name)
    page.parent.mkdir(parents=True, exist_ok=True)
    write_result(page, html_page([result]))
    return page


def graded(how, stopped, *args):
    """HOW(*ARGS), a grading, unless Ctrl-C was pressed; a Ctrl-C during it is
    answered when it ends (the program runs are cleaned up by then)."""
    if stopped.is_set():
        raise KeyboardInterrupt
    result = how(*args)
    if stopped.is_set():
        raise KeyboardInterrupt
    return result


def run(args):
    src = args.src
    if not Path(src).is_dir():
        say(t("no_src", src=src))
        return 2
    ex = exercises.find(args.exercise) if args.exercise else None
    if args.exercise and ex is None:
        say(t("no_exercise", name=args.exercise, names=", ".join(exercises.names())))
        return 2
    stopped = threading.Event()

    def on_interrupt(signum, frame):  # only a flag: an exception could land anywhere
        stopped.set()

    previous = signal.signal(signal.SIGINT, on_interrupt)
    saves, observer, grading = Saves(), None, Graded()
    try:
        try:
            observer = start_observer(src, saves, args.poll, args.interval, out=say)
        except Exception as e:
            say(t("watch_failed", src=src, error=e))
            return 2
        if ex is not None:
            saves.watch(ex.student_file(src))
            say(t("grading", name=ex.name))
            current = graded(grading.one, stopped, ex, ex.student_file(src))
        else:
            say(t("grading", name=t("everything")))
            current = first_not_done(graded(grading.everything, stopped, src))
            if current is None:
                say(t("watch_done"))
                return 0
        return watch_loop(current, src, saves, stopped, grading)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while tidying up
        say("\n" + t("watch_stopped"))
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if observer is not None:
            observer.stop()
            observer.join(5)
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
