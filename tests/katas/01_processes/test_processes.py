"""Hidden suite of 01_processes: cook(2) and wash(5), each in its own process,
at the same time.  Every check reads the harness's facts, never merged stdout."""
import re

from grader.checks import Mistake, program_runs

JOBS = {"cook": ("做饭...", 2, "args=(2,)"), "wash": ("洗衣服...", 5, 'kwargs={"num": 5}')}


def job_process(run, job):
    """The one child process that printed JOB's lines, or a Mistake saying why not."""
    text, count, how = JOBS[job]
    lines = run.printed(text)
    if not lines:
        raise Mistake("%s's lines `%s` in the output" % (job, text),
                      "no process printed `%s`" % text, run=run)
    main_lines = [l for l in lines if l.pid == run.main_pid]
    if main_lines:
        line = main_lines[0]
        if line.thread != "MainThread":
            raise Mistake(
                "%s runs in a child process of its own" % job,
                "%s ran in thread %s of the main process (pid %d): a thread shares its process "
                "with main" % (job, line.thread, run.main_pid),
                "Use multiprocessing.Process instead of threading.Thread.", run=run, lines=main_lines)
        empty = [e for e in run.events_of("proc_started", pid=run.main_pid) if e["target"] is None
                 and not e["run_overridden"]]
        if empty:
            start_line = (empty[0]["at"] or {}).get("line", "?")
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
                           job, run.main_pid, start_line, run.source_line(start_line), job,
                           " (line %d: `%s`)" % (called[0], run.source_line(called[0]))
                           if called else ""))
            raise Mistake(
                "%s runs in a child process of its own" % job, got,
                "Pass the function itself and its count separately: `target=%s, %s`." % (job, how),
                run=run, lines=main_lines)
        direct = [e for e in run.events_of("proc_run_direct", pid=run.main_pid)
                  if e["target"] == job]
        if direct:
            raise Mistake(
                "%s runs in a child process of its own" % job,
                "%s ran in the main process (pid %d): your program called the Process's run() "
                "at line %s, which runs the target right there in the calling process"
                % (job, run.main_pid, (direct[0]["at"] or {}).get("line", "?")),
                "Call start() instead: it starts a new process that runs the target.",
                run=run, lines=main_lines)
        raise Mistake("%s runs in a child process of its own" % job,
                      "%s ran in the main process (pid %d): no multiprocessing.Process ran it. "
                      "Only start() runs the target in a new process; calling %s(...) or the "
                      "Process's run() yourself runs it right there in main"
                      % (job, run.main_pid, job),
                      "Create `multiprocessing.Process(target=%s, %s)` and call its start()."
                      % (job, how), run=run, lines=main_lines)
    pids = {l.pid for l in lines}
    if len(pids) > 1:
        raise Mistake("%s runs in one child process" % job,
                      "`%s` was printed by %d processes: %s"
                      % (text, len(pids), ", ".join(run.who(p) for p in sorted(pids))),
                      "Start exactly one process for %s." % job, run=run, lines=lines)
    return run.proc(lines[0].pid)


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


def args_not_a_tuple(run):
    """The traceback of `Process(..., args=(2))`: (2) is the number 2, not a tuple."""
    for _, text in run.tracebacks():
        if "self._args = tuple(args)" in text and "object is not iterable" in text:
            return True
    return False


def test_program_runs(run):
    try:
        program_runs(run)
    except Mistake as mistake:
        if not args_not_a_tuple(run):
            raise
        raise Mistake(mistake.expected, mistake.got,
                      "`args` must be a tuple: `args=(2,)`. `(2)` is just the number 2 in "
                      "brackets; the comma is what makes a one-element tuple.", run=run) from None


def test_cook_and_wash_in_children(run):
    cook, wash = job_process(run, "cook"), job_process(run, "wash")
    if cook.pid == wash.pid:
        raise Mistake("cook and wash run in two different processes",
                      "both were printed by %s" % cook.describe(),
                      "Give each job its own multiprocessing.Process.", run=run)


def test_arguments(run):
    for job, want_args, want_kwargs in (("cook", ["2"], {}), ("wash", [], {"num": "5"})):
        proc = job_process(run, job)
        if proc.args != want_args or proc.kwargs != want_kwargs:
            got = "args=(%s) kwargs={%s}" % (
                "".join(a + "," for a in proc.args),
                ", ".join("%r: %s" % kv for kv in proc.kwargs.items()))
            start = run.start_of(proc.pid) or {}
            if proc.run_overridden and not proc.args and not proc.kwargs:
                got += (" (your class %s overrides run() and keeps the count elsewhere; "
                        "multiprocessing.Process.__init__ was given no args or kwargs)"
                        % start.get("cls", "Process"))
            raise Mistake(
                "%s's count passed with `%s`" % (job, JOBS[job][2]),
                "%s's process was created with %s" % (job, got),
                "Create it as `multiprocessing.Process(target=%s, %s)`." % (job, JOBS[job][2]),
                timeline=False)


def test_line_counts(run):
    for job, (text, count, _) in JOBS.items():
        lines = run.printed(text)
        if len(lines) != count:
            raise Mistake("%s(%d) prints `%s` %d times" % (job, count, text, count),
                          "`%s` was printed %d times" % (text, len(lines)),
                          "Call %s(%d): its loop prints one line per round." % (job, count),
                          run=run, lines=lines)


def test_sleeps(run):
    for job, (text, count, _) in JOBS.items():
        lines = run.printed(text)
        for number, line in enumerate(lines, 1):
            sleeps = run.sleeps_after(line)
            if any(e["secs"] is None for e in sleeps):
                continue  # a sleep of a kind of number the harness does not record
            slept = sum(e["secs"] for e in sleeps)
            if slept >= 0.5:
                continue
            what = ("its last" if number == len(lines) else "its %s" % ordinal(number))
            if sleeps:
                did = "slept only %g s (%s)" % (slept, ", ".join(
                    "`%s` at line %d" % (run.source_line(e["at"]["line"]), e["at"]["line"])
                    for e in sleeps))
            else:
                did = "did not sleep"
            raise Mistake(
                "%s sleeps 0.5 s after each `%s` line, as the file gives it" % (job, text),
                "after %s `%s` line, %s %s before %s" % (
                    what, text, run.who(line.pid, line.thread), did,
                    "it ended" if number == len(lines) else "its next line"),
                "Keep cook and wash as the file gives them, with `time.sleep(0.5)` after each "
                "print: without the sleeps each job is over in a moment, and whether the two ran "
                "at the same time cannot be seen.", run=run, lines=[line])


def ordinal(n):
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, "%dth" % n)


def test_at_the_same_time(run):
    cook, wash = job_process(run, "cook"), job_process(run, "wash")
    for first, second in ((cook, wash), (wash, cook)):
        second_start = run.start_of(second.pid)
        if second_start is None or first.ended is None:
            continue
        if second_start["t"] >= first.ended:
            join = run.joined_before(first.pid, second_start)
            if join is None:
                continue  # main did not wait for it: a busy machine delayed the second start()
            why = (" main called join() on %s at line %d, before starting %s at line %s."
                   % (first.label, join["at"]["line"], second.label,
                      (second_start["at"] or {}).get("line", "?")))
            raise Mistake(
                "cook and wash run at the same time: the second process starts before the first "
                "has ended",
                "%s was started only after %s had ended, so they ran one after the other.%s"
                % (second.label, first.label, why),
                "Start both processes first, then join both.", run=run)


def test_joins_both(run):
    cook, wash = job_process(run, "cook"), job_process(run, "wash")
    main_end = run.main.ended if run.main and run.main.ended is not None else float("inf")
    for proc in (cook, wash):
        start = run.start_of(proc.pid)
        if start is None or start["pid"] != run.main_pid:
            continue  # not main's child: the first check says why
        needed = sum(e["secs"] or 0 for e in run.events_of("sleep", pid=proc.pid))
        joins = [e for e in run.events_of("proc_join", pid=run.main_pid)
                 if e["child"] == proc.pid and e.get("at") and e["t"] <= main_end]
        waited = [e for e in joins if e.get("timeout") is None
                  or (isinstance(e["timeout"], (int, float)) and e["timeout"] >= needed)]
        if waited:
            continue
        if joins:
            e = joins[-1]
            got = ("main called join(%s) on %s at line %d (`%s`), but %s sleeps %g s in all: "
                   "a join with a shorter timeout can give up while %s is still running, so it "
                   "does not make main wait for it" % (
                       e["timeout"], proc.describe(), e["at"]["line"],
                       run.source_line(e["at"]["line"]), proc.label, needed, proc.label))
        else:
            got = "main never called join() on %s" % proc.describe()
        naps = [e for e in run.events_of("sleep", pid=run.main_pid) if e["t"] > start["t"]]
        if naps:
            got += "; instead main slept %g s (%s)" % (
                sum(e["secs"] or 0 for e in naps), ", ".join(sorted(
                    {"`%s` at line %d" % (run.source_line(e["at"]["line"]), e["at"]["line"])
                     for e in naps})))
        polls = lines_matching(run, r"\.is_alive\s*\(")
        if polls:
            got += "; your file checks is_alive() at line %d (`%s`)" % (
                polls[0], run.source_line(polls[0]))
        if any(e["child"] == proc.pid and not e.get("at")
               for e in run.events_of("proc_join", pid=run.main_pid)):
            got += ("; multiprocessing's exit handler joined %s only after main's code had "
                    "finished" % proc.label)
        raise Mistake(
            "main waits for both processes with join() before it ends",
            got,
            "After starting both, call join() on each: `cook_process.join()` and "
            "`wash_process.join()`. join() waits exactly as long as the process runs; a sleep "
            "or a loop over is_alive() only guesses.",
            run=run)
