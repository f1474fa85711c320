"""The fast tier of the checks: every recorded run (tests/recorded/, made by
tools/record_runs.py from the reference solutions and the corpus) is rebuilt
from its recording and judged by its exercise's hidden suite in this process,
and must get the verdict its program's header asks for, as in
test_corpus.py -- in about a second for all of them, with no program run.

A change to a check is tested here at once; the live gradings of the corpus
(test_corpus.py) remain the proof that the recordings are still what the
harness records."""
from collections import defaultdict

import pytest

from grader import kata
from grader.grading import exercise as exercises
from grader.grading.grade import CheckResult
from grader.report.text import failure_text
from recordings import RECORDED, ROOT, replayed
from test_corpus import CORPUS, wrong_verdict


def judged(run, module):
    """{check: the Mistake's parts as a report has them, or None} of the suite MODULE on RUN."""
    out = {}
    for check in kata.checks_of(module.__dict__):
        mistake = kata.judge(run, check.fn, module.__dict__)
        out[check.name] = None if mistake is None else mistake.as_dict(run)
    return out


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


def test_every_corpus_program_is_recorded():
    """A corpus program added without recording it is not in the fast tier."""
    missing = [p for p in sorted(CORPUS.glob("*/*.py"))
               if not list((RECORDED / p.parent.name).glob("%s.*.json.gz" % p.stem))]
    assert not missing, "record them: python tools/record_runs.py %s" % " ".join(
        sorted({p.parent.name for p in missing}))


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
