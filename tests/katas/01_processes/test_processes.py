"""Hidden suite of 01_processes: cook(2) and wash(5), each in its own process,
at the same time.  Every check reads the harness's facts, never merged stdout."""
import re

from grader.kata import Mistake, check, explains_failure, ordinal
from grader.trace.relations import sleeps_after, slept_too_little, waited_before_starting

JOBS = {"cook": ("做饭...", 2, "args=(2,)"), "wash": ("洗衣服...", 5, 'kwargs={"num": 5}')}


def job_process(run, job):
    """The one child process that printed JOB's lines, or a Mistake saying why not."""
    text, count, how = JOBS[job]
    lines = run.printed(text)
    if not lines:
        raise Mistake("%s's lines `%s` in the output" % (job, text),
                      "no process printed `%s`" % text)
    main_lines = [l for l in lines if l.pid == run.main_pid]
    if main_lines:
        expected = "%s runs in a child process of its own" % job
        line = main_lines[0]
        if line.thread != "MainThread":
            raise Mistake(
                expected,
                "%s ran in thread %s of the main process (pid %d): a thread shares its process "
                "with main" % (job, line.thread, run.main_pid),
                "Use multiprocessing.Process instead of threading.Thread.", lines=main_lines)
        empty = [e for e in run.events_of("proc_started", pid=run.main_pid)
                 if e.target is None and not e.run_overridden]
        if empty:
            at = empty[0].at
            given = lines_matching(run, r"\btarget\s*=\s*%s\s*\(" % job)
            if given:
                code = run.source_line(given[0])
                call = re.search(r"\btarget\s*=\s*%s\s*\([^()]*\)?" % job, code).group(0)
                got = ("%s ran in the main process (pid %d): `%s` at line %d (`%s`) calls %s "
                       "right away, in main, and gives the Process its result, None, as the "
                       "target" % (job, run.main_pid, call, given[0], code, job))
            else:
                called = [n for n in lines_matching(run, r"\b%s\s*\(" % job)
                          if not run.source_line(n).startswith(("def ", "async def "))]
                got = ("%s ran in the main process (pid %d), and the Process started at line %s "
                       "(`%s`) had no target: main called %s itself%s" % (
                           job, run.main_pid, at.line if at else "?", at.code if at else "", job,
                           " (line %d: `%s`)" % (called[0], run.source_line(called[0]))
                           if called else ""))
            raise Mistake(
                expected, got,
                "Pass the function itself and its count separately: `target=%s, %s`." % (job, how),
                lines=main_lines)
        direct = [e for e in run.events_of("proc_run_direct", pid=run.main_pid)
                  if e.target == job]
        if direct:
            raise Mistake(
                expected,
                "%s ran in the main process (pid %d): your program called the Process's run() "
                "at line %s, which runs the target right there in the calling process"
                % (job, run.main_pid, direct[0].at.line if direct[0].at else "?"),
                "Call start() instead: it starts a new process that runs the target.",
                lines=main_lines)
        raise Mistake(expected,
                      "%s ran in the main process (pid %d): no multiprocessing.Process ran it. "
                      "Only start() runs the target in a new process; calling %s(...) or the "
                      "Process's run() yourself runs it right there in main"
                      % (job, run.main_pid, job),
                      "Create `multiprocessing.Process(target=%s, %s)` and call its start()."
                      % (job, how), lines=main_lines)
    pids = {l.pid for l in lines}
    if len(pids) > 1:
        raise Mistake("%s runs in one child process" % job,
                      "`%s` was printed by %d processes: %s"
                      % (text, len(pids), ", ".join(run.who(p) for p in sorted(pids))),
                      "Start exactly one process for %s." % job, lines=lines)
    return run.proc(lines[0].pid)


def cook_and_wash(run):
    return job_process(run, "cook"), job_process(run, "wash")


def lines_matching(run, pattern):
    """Numbers of the lines of the student's file that PATTERN finds, comments left out."""
    try:
        count = len(run.file.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return []
    found = []
    for number in range(1, count + 1):
        code = run.source_line(number)
        if not code.startswith("#") and re.search(pattern, code.split("#")[0]):
            found.append(number)
    return found


@explains_failure
def args_not_a_tuple(run, mistake):
    """The traceback of `Process(..., args=(2))`: (2) is the number 2, not a tuple."""
    if any("self._args = tuple(args)" in text and "object is not iterable" in text
           for _, text in run.tracebacks()):
        return mistake.but(hint="`args` must be a tuple: `args=(2,)`. `(2)` is just the number 2 "
                                "in brackets; the comma is what makes a one-element tuple.")
    return None


@check(3, "cook and wash each run in a child process of their own",
       "cook 和 wash 各自在自己的子进程里运行")
def cook_and_wash_in_children(run):
    cook, wash = cook_and_wash(run)
    if cook.pid == wash.pid:
        raise Mistake("cook and wash run in two different processes",
                      "both were printed by %s" % cook.describe(),
                      "Give each job its own multiprocessing.Process.")


@check(1, "cook's count is passed with args, wash's with kwargs",
       "cook 的次数用 args 传，wash 的用 kwargs 传")
def arguments(run):
    for job, want_args, want_kwargs in (("cook", ["2"], {}), ("wash", [], {"num": "5"})):
        proc = job_process(run, job)
        if proc.args != want_args or proc.kwargs != want_kwargs:
            got = "args=(%s) kwargs={%s}" % (
                "".join(a + "," for a in proc.args),
                ", ".join("%r: %s" % kv for kv in proc.kwargs.items()))
            start = run.start_of(proc.pid)
            if proc.run_overridden and not proc.args and not proc.kwargs:
                got += (" (your class %s overrides run() and keeps the count elsewhere; "
                        "multiprocessing.Process.__init__ was given no args or kwargs)"
                        % (start.cls if start else "Process"))
            raise Mistake(
                "%s's count passed with `%s`" % (job, JOBS[job][2]),
                "%s's process was created with %s" % (job, got),
                "Create it as `multiprocessing.Process(target=%s, %s)`." % (job, JOBS[job][2]),
                timeline=False)


@check(2, "cook(2) prints 做饭... twice, wash(5) prints 洗衣服... five times",
       "cook(2) 打印两次 做饭...，wash(5) 打印五次 洗衣服...")
def line_counts(run):
    for job, (text, count, _) in JOBS.items():
        lines = run.printed(text)
        if len(lines) != count:
            raise Mistake("%s(%d) prints `%s` %d times" % (job, count, text, count),
                          "`%s` was printed %d times" % (text, len(lines)),
                          "Call %s(%d): its loop prints one line per round." % (job, count),
                          lines=lines)


@check(1, "cook and wash sleep 0.5 s after each line, as the file gives them",
       "cook 和 wash 像文件里给出的那样，每打印一行后睡眠 0.5 秒")
def sleeps(run):
    for job, (text, _, _) in JOBS.items():
        lines = run.printed(text)
        for number, line in enumerate(lines, 1):
            did = slept_too_little(sleeps_after(run, line), 0.5)
            if did is None:
                continue  # it slept enough, or a kind of number the harness does not record
            last = number == len(lines)
            raise Mistake(
                "%s sleeps 0.5 s after each `%s` line, as the file gives it" % (job, text),
                "after %s `%s` line, %s %s before %s" % (
                    "its last" if last else "its %s" % ordinal(number), text,
                    run.who(line.pid, line.thread), did, "it ended" if last else "its next line"),
                "Keep cook and wash as the file gives them, with `time.sleep(0.5)` after each "
                "print: without the sleeps each job is over in a moment, and whether the two ran "
                "at the same time cannot be seen.", lines=[line])


@check(3, "cook and wash run at the same time", "cook 和 wash 同时运行")
def at_the_same_time(run):
    cook, wash = cook_and_wash(run)
    for first, second in ((cook, wash), (wash, cook)):
        second_start = run.start_of(second.pid)
        if second_start is None or first.ended is None or second_start.t < first.ended:
            continue
        join = waited_before_starting(run, first.pid, second.pid)
        if join is None:
            continue  # main did not wait for it: a busy machine delayed the second start()
        raise Mistake(
            "cook and wash run at the same time: the second process starts before the first "
            "has ended",
            "%s was started only after %s had ended, so they ran one after the other. main "
            "called join() on %s at line %d, before starting %s at line %s." % (
                second.label, first.label, first.label, join.at.line, second.label,
                second_start.at.line if second_start.at else "?"),
            "Start both processes first, then join both.")


@check(2, "main waits for both processes with join()", "main 用 join() 等待两个进程")
def joins_both(run):
    main_end = run.main.ended if run.main and run.main.ended is not None else float("inf")
    for proc in cook_and_wash(run):
        start = run.start_of(proc.pid)
        if start is None or start.pid != run.main_pid:
            continue  # not main's child: the first check says why
        needed = sum(e.secs or 0 for e in run.events_of("sleep", pid=proc.pid))
        joins = [e for e in run.events_of("proc_join", pid=run.main_pid)
                 if e.child == proc.pid and e.at and e.t <= main_end]
        if any(e.timeout is None or (isinstance(e.timeout, (int, float)) and e.timeout >= needed)
               for e in joins):
            continue
        if joins:
            e = joins[-1]
            got = ("main called join(%s) on %s at line %d (`%s`), but %s sleeps %g s in all: "
                   "a join with a shorter timeout can give up while %s is still running, so it "
                   "does not make main wait for it" % (
                       e.timeout, proc.describe(), e.at.line, e.at.code, proc.label, needed,
                       proc.label))
        else:
            got = "main never called join() on %s" % proc.describe()
        naps = [e for e in run.events_of("sleep", pid=run.main_pid) if e.t > start.t]
        if naps:
            got += "; instead main slept %g s (%s)" % (
                sum(e.secs or 0 for e in naps), ", ".join(sorted(
                    {"`%s` at line %d" % (e.at.code, e.at.line) for e in naps})))
        polls = lines_matching(run, r"\.is_alive\s*\(")
        if polls:
            got += "; your file checks is_alive() at line %d (`%s`)" % (
                polls[0], run.source_line(polls[0]))
        if any(e.child == proc.pid and not e.at
               for e in run.events_of("proc_join", pid=run.main_pid)):
            got += ("; multiprocessing's exit handler joined %s only after main's code had "
                    "finished" % proc.label)
        raise Mistake(
            "main waits for both processes with join() before it ends",
            got,
            "After starting both, call join() on each: `cook_process.join()` and "
            "`wash_process.join()`. join() waits exactly as long as the process runs; a sleep "
            "or a loop over is_alive() only guesses.")
