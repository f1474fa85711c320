"""The check-authoring API: what a hidden suite (tests/katas/<exercise>/) is written in.

A check is a function of one run of the student's program, decorated with its
points and its title in English and Chinese; it passes by returning and fails
by raising a Mistake in the student's terms:

    from grader.kata import Mistake, check

    @check(2, "the worker process is made a daemon before it starts",
           "工作进程在启动之前被设为守护进程")
    def daemon_before_start(run):
        start = run.start_of(worker(run).pid)
        if not start.daemon:
            raise Mistake("the worker is a daemon when it starts",
                          "%s was started with daemon=False" % worker(run).describe(),
                          "Set worker.daemon = True before worker.start().")

Every suite has the check `program_runs` (1 point: the file exists, starts, ends
in time, and no process raised) first, without writing it; a check given
`after=` another is "not checked" until that one passes.  A suite may add to
what program_runs says with `crash_hints` (a hint for a known error text) and
`@explains_failure` (a function of the run and the Mistake that returns a
better Mistake, or None).  The order of the checks in the file is their order
in the report.  The exercise's info.toml keeps what is the exercise's: its file,
time scale, start methods, deadline and hints.
"""
import sys
from dataclasses import dataclass

from grader.kata.checks import Mistake, fatal_problem, program_runs as _program_runs, waiting_in

__all__ = ["Mistake", "and_list", "check", "crash_hints", "explains_failure", "ordinal",
           "program_runs_title", "times", "waiting_in"]

BASIC = "program_runs"
BASIC_TITLE = ("the program runs to the end without errors", "程序运行到结束，没有错误")


def and_list(items):
    """'a', 'a and b', 'a, b and c' ('' for none)."""
    items = list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def ordinal(n):
    """'1st', '2nd', '3rd', '4th', ... '11th', '21st'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return "%d%s" % (n, suffix)


def times(n):
    """'once', 'twice', '3 times'."""
    return "once" if n == 1 else "twice" if n == 2 else "%d times" % n


@dataclass
class Check:
    """One check of an exercise: its name (the function's), points, titles, the
    check it waits for (AFTER, a name) and the function itself."""
    name: str
    title: str
    points: int
    title_zh: str = ""
    after: str = None
    fn: object = None


def suite_of(namespace):
    """The checks and failure explainers of the suite whose module namespace is
    NAMESPACE, made (with program_runs first) on the first call."""
    suite = namespace.get("__kata__")
    if suite is None:
        suite = namespace["__kata__"] = {"checks": [], "explainers": []}
        basic = _basic_check(suite)
        namespace[BASIC] = basic
        suite["checks"].append(Check(BASIC, BASIC_TITLE[0], 1, BASIC_TITLE[1], fn=basic))
    return suite


def _basic_check(suite):
    def program_runs(run):
        """The program exists, starts, ends in time, and no process of it raised."""
        try:
            _program_runs(run)
        except Mistake as mistake:
            for explain in suite["explainers"]:
                better = explain(run, mistake)
                if better is not None:
                    raise better from None
            raise
    program_runs.__test__ = True
    program_runs.kata_check = BASIC
    return program_runs


def check(points, title, title_zh, *, after=None):
    """The decorator that makes a function a check worth POINTS, titled TITLE
    (and TITLE_ZH in Chinese); AFTER: the check (its function or name) that
    must pass before this one is judged."""
    def register(fn):
        suite = suite_of(fn.__globals__)
        name = fn.__name__
        if any(c.name == name for c in suite["checks"]) or name in fn.__globals__:
            raise ValueError("check %s has the name of something above it" % name)
        wanted = getattr(after, "__name__", after)
        if wanted is not None and not any(c.name == wanted for c in suite["checks"]):
            raise ValueError("check %s comes after %s, which is not a check above it"
                             % (name, wanted))
        suite["checks"].append(Check(name, title, points, title_zh, wanted, fn))
        fn.__test__ = True  # collected by pytest whatever its name
        fn.kata_check = name
        return fn
    return register


def program_runs_title(title, title_zh):
    """Another title for this suite's program_runs (call it at the suite's top)."""
    basic = suite_of(sys._getframe(1).f_globals)["checks"][0]
    basic.title, basic.title_zh = title, title_zh


def explains_failure(fn):
    """Decorator: FN(run, mistake) is asked, when program_runs fails, for a
    Mistake that explains it better (return None to leave it as it is)."""
    suite_of(fn.__globals__)["explainers"].append(fn)
    return fn


def crash_hints(*pairs):
    """A hint for each known error: PAIRS of (texts, hint); when program_runs
    fails and a traceback or a pool task's error holds one of the texts, its
    message gets that hint (call it at the suite's top)."""
    namespace = sys._getframe(1).f_globals

    def hinted(run, mistake):
        texts = [e.error or "" for e in run.events_of("pool_task_end")]
        texts += [text for _, text in run.tracebacks()]
        for keys, hint in pairs:
            if any(key in text for key in keys for text in texts):
                return mistake.but(hint=hint)
        return None
    suite_of(namespace)["explainers"].append(hinted)


def checks_of(namespace):
    """The checks of a suite module's NAMESPACE, in order (program_runs first)."""
    checks = list(suite_of(namespace)["checks"])
    for c in checks:
        if namespace.get(c.name) is not c.fn:
            raise ValueError("check %s is hidden by another %s defined after it: give one of "
                             "them another name" % (c.name, c.name))
    return checks


def verdict(run, check):
    """The Mistake CHECK (a Check) finds in RUN, or None: judged once per run."""
    verdicts = run.__dict__.setdefault("_verdicts", {})
    if check.name not in verdicts:
        try:
            check.fn(run)
            verdicts[check.name] = None
        except Mistake as mistake:
            verdicts[check.name] = mistake
    return verdicts[check.name]


def why_not_checked(run, fn, namespace):
    """The Mistake that check function FN of the suite in NAMESPACE fails with
    without looking at RUN -- the run cannot be judged, or the check it comes
    after did not pass -- or None."""
    name = getattr(fn, "kata_check", None)
    if name == BASIC:
        return None
    problem = fatal_problem(run)
    if problem:
        return Mistake("a run of the program to check", "not checked: %s (see the first check)"
                       % problem, timeline=False)
    checks = {c.name: c for c in checks_of(namespace)}
    wanted = checks[name].after if name in checks else None
    if wanted and verdict(run, checks[wanted]) is not None:
        return Mistake("a run of the program to check", "not checked until `%s` passes (see "
                       "that check)" % checks[wanted].title, timeline=False)
    return None


def judge(run, fn, namespace):
    """The Mistake check function FN of the suite in NAMESPACE finds in RUN, or
    None when it passes: as a grading judges it."""
    mistake = why_not_checked(run, fn, namespace)
    if mistake is None:
        try:
            fn(run)
        except Mistake as found:
            mistake = found
    return mistake
