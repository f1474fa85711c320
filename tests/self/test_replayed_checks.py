"""The fast tier of the checks: every recorded run (tests/recorded/, made by
tools/record_runs.py from the reference solutions and the corpus) is rebuilt
from its recording and judged by its exercise's hidden suite in this process,
and must get the verdict its program's header asks for, as in
test_corpus.py -- in about a second for all of them, with no program run.

A change to a check is tested here at once.  A recording stands for a live
grading only while it is what today's code would record: each exercise's
recordings keep what they were made from (recordings.sources), and the
self-test fails, saying what changed, when the harness, the runner, the
exercise's run settings or a program changed since (record them again with
`make record`).  The matrix grades the whole corpus live on every interpreter."""
from collections import defaultdict

import pytest

from grader import kata
from grader.grading import exercise as exercises
from grader.grading.grade import CheckResult, ExerciseResult
from grader.report.text import failure_text
import recordings
from recordings import RECORDED, ROOT, replayed, stale
from test_corpus import CORPUS, wrong_verdict


def judged(run, module):
    """{check: the Mistake's parts as a report has them, or None} of the suite MODULE on RUN."""
    out = {}
    for check in kata.checks_of(module.__dict__):
        mistake = kata.judge(run, check.fn, module.__dict__)
        out[check.name] = None if mistake is None else mistake.as_dict(run)
    return out


def graded(name, stem, folder):
    """The ExerciseResult of program STEM of exercise NAME, judged on its
    recordings (their files laid out in FOLDER) as a grading judges its runs."""
    ex, module = exercises.load(name), exercises.suite_module(name)
    runs = {}
    folder.mkdir(parents=True, exist_ok=True)
    for n, recording in enumerate(sorted((RECORDED / name).glob("%s.*.json.gz" % stem))):
        runs[recording.name.split(".")[1]] = replayed(recording, folder / str(n))
    parts = {method: judged(run, module) for method, run in runs.items()}
    checks = []
    for check in kata.checks_of(module.__dict__):
        failures = [(method, of[check.name]) for method, of in parts.items() if of[check.name]]
        checks.append(CheckResult(check.name, check.title, check.points, not failures, failures))
    return ExerciseResult(ex, "%s.py" % stem, checks, runs=runs)


@pytest.mark.parametrize("name", sorted(p.name for p in RECORDED.iterdir()) if RECORDED.is_dir()
                         else [])
def test_recorded_runs_get_their_verdicts(name, tmp_path):
    ex = exercises.load(name)
    module = exercises.suite_module(name)
    failures = defaultdict(lambda: defaultdict(list))  # program -> check -> [(method, parts)]
    for n, recording in enumerate(sorted((RECORDED / name).glob("*.json.gz"))):
        stem, method = recording.name.split(".")[:2]
        for check, parts in judged(replayed(recording, tmp_path / str(n)), module).items():
            failures[stem][check] += [(method, parts)] if parts else []
    problems = []
    for stem, checks in sorted(failures.items()):
        path = ex.student_file(ROOT / "solutions") if stem == "solution" else \
            CORPUS / name / ("%s.py" % stem)
        results = [CheckResult(c.name, c.title, c.points, not checks[c.name], checks[c.name])
                   for c in ex.checks]
        problem = wrong_verdict(path, [
            {"check": c.name, "status": "pass" if c.passed else "fail",
             "message": failure_text(c, ex.start_methods, timeline=False)} for c in results])
        if problem:
            problems.append("%s: %s" % (stem, problem))
    assert not problems, "\n\n".join(problems)


@pytest.mark.parametrize("name", exercises.names())
def test_recordings_are_what_today_s_code_would_record(name):
    """A change to the harness or the runner, to the exercise's run settings,
    or to a program (a new one too) since the recording fails here."""
    why = stale(exercises.load(name))
    assert not why, "the recordings of %s are out of date: %s; record them again: " \
        "make record EX=%s" % (name, "; ".join(why), name)


def test_a_start_stopped_before_it_returned_is_no_missing_try(tmp_path):
    """03: a worker that is no daemon, stopped by main while its start() of a
    grandchild had not returned (under spawn and forkserver on a loaded machine
    starting a process can outlast main's sleep): its recording, with the end of
    that start() and the grandchild taken out, is told it was not refused -- not
    that it never tried."""
    run = replayed(RECORDED / "03_daemon" / "nondaemon_terminated.spawn.json.gz", tmp_path / "r")
    started, = [e for e in run.events_of("proc_started") if e.pid != run.main_pid]
    run.events.remove(started)
    del run.procs[started.child]
    mistake = judged(run, exercises.suite_module("03_daemon"))["no_grandchild"]
    assert mistake and "called start() on process print at line 13 (`grandchild.start()`) and " \
        "was not refused: it was stopped before that start() returned" in mistake["got"], mistake


def test_a_change_since_the_recording_is_named(monkeypatch):
    """What stale() says when the code, a setting, and programs changed."""
    ex = exercises.load("05_lock")
    now = recordings.sources(ex)
    programs = dict(now["programs"], half_locked="0", added="1")
    monkeypatch.setattr(recordings, "sources", lambda ex: dict(
        code="0", settings=dict(now["settings"], amplify=0.5), programs=programs))
    assert recordings.stale(ex) == [
        "the harness or the runner (grader/harness, grader/run) changed",
        "info.toml's amplify is 0.5, not 0.05",
        "programs not recorded: added", "programs changed: half_locked"]
