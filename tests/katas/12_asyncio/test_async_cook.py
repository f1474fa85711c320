"""Hidden suite of 12_asyncio: cook(2) and wash(5) as coroutines that take
turns in the one thread of the main process.  Every check reads the harness's
facts (who printed each line and in which order, threads and processes
started, time.sleep called while an event loop ran), never merged stdout."""
import ast
import re

from grader.kata.checks import student_traceback
from grader.kata import Mistake, check, explains_failure, ordinal
from grader.trace.relations import slept_too_little

JOBS = {"cook": ("做饭...", 2), "wash": ("洗衣服...", 5)}
GATHER = "await asyncio.gather(cook(2), wash(5))"
NEVER_AWAITED = re.compile(r"coroutine '([\w.<>]+)' was never awaited")
EXCEPTION = re.compile(r"^[\w.]+(Error|Exception)\b")  # the last line of a traceback
IN_ONE_THREAD = "cook and wash run as coroutines in the main thread of the main process"
AS_COROUTINES = ("Make cook and wash `async def` with `await asyncio.sleep(0.5)`, and run them "
                 "with `%s` inside async def main(), started by asyncio.run(main())." % GATHER)
BY_THE_LOOP = "cook and wash are coroutines that asyncio's event loop runs"
NO_TIME_SLEEP = "In a coroutine write `await asyncio.sleep(0.5)` instead of time.sleep(0.5)."

# Tracebacks of asyncio mistakes, and what they mean in the student's terms.
ASYNC_ERRORS = (
    ("_GatheringFuture exception was never retrieved",
     "asyncio.gather(...) was called without await: main() returned at once, asyncio.run then "
     "cancelled the coroutines it had started, and Python reported the gather's CancelledError "
     "that nobody awaited.",
     "Write `%s`: await waits until both coroutines have finished." % GATHER),
    ("a coroutine was expected", None,
     "asyncio.run takes a coroutine object: write asyncio.run(main()), with the parentheses, "
     "where main is an `async def` function."),
    ("cannot be called from a running event loop", None,
     "Call asyncio.run once, outside every coroutine; inside a coroutine use await (or "
     "asyncio.gather) instead."),
    ("can't be used in 'await' expression", None,
     "Only coroutines (functions defined with `async def`) and tasks can be awaited: make cook "
     "and wash `async def`, and await cook(2), not the result of a plain function."),
)


@explains_failure
def asyncio_error(run, mistake):
    """A traceback of a known asyncio mistake, told in the student's terms."""
    for proc, text in run.tracebacks():
        for key, got, hint in ASYNC_ERRORS:
            if key not in text:
                continue
            # The exception's own line: a warning may follow it on stderr.
            last = [l.strip() for l in text.splitlines() if EXCEPTION.match(l.strip())]
            raised = "%s raised %s\n%s" % (proc.describe(), last[-1] if last else "an exception",
                                           student_traceback(text))
            return mistake.but(got="%s\n%s" % (got, raised) if got else raised, hint=hint)
    return None


def lines_of(run, job):
    return run.printed(JOBS[job][0])


def never_awaited(run):
    """The coroutines Python warned about: 'coroutine ... was never awaited'."""
    found = []
    for line in run.lines:
        m = NEVER_AWAITED.search(line.text) if line.stream == "stderr" else None
        if m and m.group(1).split(".")[-1] not in found:
            found.append(m.group(1).split(".")[-1])
    return found


def not_awaited_note(run, job):
    """Why JOB printed nothing, if Python said it was never awaited."""
    if job not in never_awaited(run):
        return ""
    return (": Python warned `coroutine '%s' was never awaited` (RuntimeWarning on stderr). "
            "Calling %s(%d) without await only makes a coroutine object; it never runs"
            % (job, job, JOBS[job][1]))


def at_line(event):
    return " at %s" % event.at.in_func if event.at else ""


def func_of(e):
    """The function of the student's file that made event E, or None."""
    return e.at.func if e.at else None


def blocking_sleeps(run, detail=True):
    """'line 9 in cook (`time.sleep(0.5)`, 2 times)' (or without DETAIL 'line 9 in
    cook') for each place that called time.sleep while the event loop was running."""
    places = {}
    for e in run.events_of("blocking_sleep"):
        places[e.at] = places.get(e.at, 0) + 1
    out = []
    for at, count in places.items():
        where = at.in_func if at else "outside your file"
        out.append("%s (%s%d time%s)" % (where, "`%s`, " % at.code if at and at.code else "",
                                         count, "" if count == 1 else "s") if detail else where)
    return out


@check(3, "cook and wash run as coroutines in the main thread of one process",
       "cook 和 wash 作为协程在同一进程的主线程里运行")
def one_thread(run):
    lines = lines_of(run, "cook") + lines_of(run, "wash")
    if not lines:
        warned = never_awaited(run)
        raise Mistake("cook and wash print `做饭...` and `洗衣服...`",
                      "neither `做饭...` nor `洗衣服...` was printed%s" % (
                          ": Python warned that %s %s never awaited (calling a coroutine "
                          "function without await only makes a coroutine object)" % (
                              " and ".join(warned), "was" if len(warned) == 1 else "were")
                          if warned else ""),
                      "Run both with `%s` inside async def main(), and start main with "
                      "asyncio.run(main())." % GATHER)
    procs = run.events_of("proc_started")
    elsewhere = [l for l in lines if l.pid != run.main_pid]
    if procs or elsewhere:
        started = ("your program started %d process%s (%s%s)" % (
            len(procs), "" if len(procs) == 1 else "es", procs[0].target or "a process",
            at_line(procs[0])) if procs else "your program started other processes")
        printed = ("; `%s` was printed by %s" % (elsewhere[0].text.strip(),
                                                   run.who(elsewhere[0].pid)) if elsewhere else "")
        raise Mistake(IN_ONE_THREAD,
                      "%s%s. Coroutines need no process: they take turns inside one thread, "
                      "handing over at each await" % (started, printed), AS_COROUTINES,
                      lines=elsewhere)
    threads = run.events_of("thread_start")
    other = [l for l in lines if l.thread != "MainThread"]
    if threads or other:
        pool = [e.name for e in threads if str(e.name).startswith("asyncio_")]
        if pool:
            started = "asyncio started worker thread%s %s for your program" % (
                "" if len(pool) == 1 else "s", ", ".join(pool))
        elif threads:
            started = "your program started %d thread%s (%s%s)" % (
                len(threads), "" if len(threads) == 1 else "s",
                threads[0].target or "a thread", at_line(threads[0]))
        else:
            started = "your program started threads"
        printed = ("; `%s` was printed by thread %s, not by the MainThread"
                   % (other[0].text.strip(), other[0].thread) if other else "")
        why = (". asyncio.to_thread and loop.run_in_executor run a plain function in a worker "
               "thread" if pool else ". A coroutine runs in the thread of its event loop: "
               "asyncio needs no threads")
        raise Mistake(IN_ONE_THREAD, "%s%s%s" % (started, printed, why), AS_COROUTINES,
                      lines=other)


@check(1, "cook(2) prints 做饭... twice, wash(5) prints 洗衣服... five times",
       "cook(2) 打印两次 做饭...，wash(5) 打印五次 洗衣服...")
def line_counts(run):
    for job, (text, count) in JOBS.items():
        lines = lines_of(run, job)
        if len(lines) == count:
            continue
        if not lines and job in never_awaited(run):
            got = "`%s` was never printed%s" % (text, not_awaited_note(run, job))
            hint = "Await it: `%s` runs both." % GATHER
        elif not lines:
            got = "`%s` was never printed" % text
            hint = "Run %s(%d) from main(): `%s`." % (job, count, GATHER)
        elif len(lines) < count:
            got = "`%s` was printed %d time%s" % (text, len(lines), "" if len(lines) == 1 else "s")
            hint = ("Call %s(%d), and let main() wait until it has finished: when main() "
                    "returns, asyncio.run cancels every task still running, so a task made with "
                    "asyncio.create_task must be awaited (or use `%s`)." % (job, count, GATHER))
        else:
            got = "`%s` was printed %d times" % (text, len(lines))
            hint = "Call %s(%d) once: its loop prints one line per round." % (job, count)
        raise Mistake("%s(%d) prints `%s` %d times" % (job, count, text, count), got, hint,
                      lines=lines)


@check(2, "the coroutines wait 0.5 s after each line with asyncio.sleep, never time.sleep",
       "协程每打印一行后用 asyncio.sleep 等待 0.5 秒，不用 time.sleep")
def no_blocking_sleep(run):
    places = blocking_sleeps(run)
    if places:
        raise Mistake(
            "the coroutines wait with `await asyncio.sleep(0.5)`, which lets the other "
            "coroutine run meanwhile",
            "time.sleep was called while the event loop was running, at %s. time.sleep blocks "
            "the event loop: the one thread that runs every coroutine sleeps, so no other "
            "coroutine can run until it wakes up" % " and ".join(places), NO_TIME_SLEEP)
    for job, (text, count) in JOBS.items():
        lines = lines_of(run, job)
        for number, line in enumerate(lines, 1):
            until = lines[number].t if number < len(lines) else float("inf")
            after = [e for e in run.events_of("sleep", pid=line.pid)
                     if e.tid == line.tid and line.t < e.t < until]
            # The first sleep after a line is its own coroutine's (it runs on until it awaits);
            # a later one of the same function may finish the half second.
            mine = [e for e in after if func_of(e) == func_of(after[0])]
            if not slept_too_little(mine, 0.5):
                continue
            raise Mistake(
                "%s waits 0.5 s with `await asyncio.sleep(0.5)` after each `%s` line" % (job, text),
                "after its %s `%s` line, %s before %s" % (
                    ordinal(number), text, "the sleep came to only %g s (%s)" % (
                        sum(e.secs for e in mine), ", ".join(
                            "`%s` at line %d" % (e.at.code, e.at.line) for e in mine))
                    if mine else "no sleep came",
                    "the next one" if number < len(lines) else "the program ended"),
                "Write `await asyncio.sleep(0.5)` after each print: it waits, and meanwhile the "
                "event loop runs the other coroutine.", lines=[line])


def task_of(run, line):
    """The coroutine of the asyncio task that printed LINE ('' when the event loop
    printed it outside any task, None when no event loop ran)."""
    for e in run.events_of("write", pid=line.pid):
        if e.tid == line.tid and e.t == line.t:
            return e.task
    return None


def file_tree(run):
    """The student's file parsed (an empty module if it cannot be read or parsed)."""
    try:
        return ast.parse(run.file.read_text(encoding="utf-8", errors="replace"))
    except (OSError, SyntaxError, ValueError):
        return ast.Module(body=[], type_ignores=[])


def root_coroutines(run):
    """{name: line} of each coroutine function whose call the file hands to
    asyncio.run(...) or loop.run_until_complete(...): the root of its event loop."""
    roots = {}
    for node in ast.walk(file_tree(run)):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Call)):
            continue
        if getattr(node.func, "attr", getattr(node.func, "id", None)) in ("run",
                                                                          "run_until_complete"):
            inner = node.args[0].func
            name = getattr(inner, "attr", getattr(inner, "id", None))
            if name:
                roots.setdefault(name, node.lineno)
    return roots


def ran_as_itself(run, job):
    """Whether anything came from the coroutine JOB: a line its task printed or a sleep in it."""
    return any(e.task == job for e in run.events_of("write")) or any(
        func_of(e) == job for e in run.events_of("sleep", "blocking_sleep"))


def coroutine_functions(run):
    """Names of the `async def` functions in the student's file."""
    return {n.name for n in ast.walk(file_tree(run)) if isinstance(n, ast.AsyncFunctionDef)}


def never_ran(run, job):
    """'cook never ran: ...' when the facts show it, else ''."""
    if job in never_awaited(run):
        return ("%s never ran: Python warned `coroutine '%s' was never awaited`" % (job, job))
    if job in coroutine_functions(run):
        return "%s never ran: no line and no sleep came from it" % job
    return ""


def printed_by_other(run, job):
    """A Mistake if JOB's lines were printed by some other coroutine than a job of its own:
    outside any task, by a coroutine Python says never ran, or by the root coroutine of
    asyncio.run printing both jobs' lines in turn itself (one task runs one coroutine at
    a time, so two jobs of their own could never take turns inside it)."""
    lines = lines_of(run, job)
    tasks = [task_of(run, l) for l in lines]
    loose = [l for l, t in zip(lines, tasks) if t == ""]
    if loose:
        raise Mistake(
            BY_THE_LOOP,
            "`%s` was printed by the event loop outside any task (a callback such as "
            "loop.call_soon or call_later), not by a coroutine" % loose[0].text.strip(),
            "Print the lines inside `async def %s(num)`, and run it with `%s`." % (job, GATHER),
            lines=loose[:2])
    roots = root_coroutines(run)
    for root, at in roots.items():
        mine = [l for l in lines_of(run, "cook") + lines_of(run, "wash") if task_of(run, l) == root]
        mine.sort(key=lambda l: l.t)
        turns = sum(1 for a, b in zip(mine, mine[1:]) if a.text.strip() != b.text.strip()
                    and a.tid == b.tid)
        if turns < 2 or root in JOBS:
            continue
        why = [never_ran(run, j) for j in ("cook", "wash") if not ran_as_itself(run, j)]
        raise Mistake(
            "cook and wash are coroutines of their own that take turns",
            "`%s` and `%s` were printed in turn by %s, the coroutine asyncio.run runs (line %d: "
            "`%s`): one coroutine printed both jobs' lines, so cook and wash never took turns as "
            "coroutines of their own.%s" % (
                JOBS["cook"][0], JOBS["wash"][0], root, at, run.source_line(at),
                "".join(" %s." % w for w in why if w)),
            "Let cook and wash print their own lines, and run both from main() with `%s`."
            % GATHER, lines=mine[:3])
    printers = sorted({t for t in tasks if t and t != job})
    if printers and job in never_awaited(run) and not ran_as_itself(run, job):
        raise Mistake(
            BY_THE_LOOP,
            "`%s` was printed by %s, not by %s. %s" % (
                JOBS[job][0], " and ".join(printers), job, never_ran(run, job)),
            "Let %s print its own lines, and run it with `%s`." % (job, GATHER),
            lines=lines[:2])


@check(3, "cook and wash take turns as coroutines of their own: their lines interleave",
       "cook 和 wash 作为各自的协程轮流运行：它们的输出交错出现")
def at_the_same_time(run):
    cook, wash = lines_of(run, "cook"), lines_of(run, "wash")
    for job, lines in (("cook", cook), ("wash", wash)):
        if not lines:
            raise Mistake("cook and wash take turns: their lines interleave",
                          "%s printed nothing, so it never ran beside the other%s"
                          % (job, not_awaited_note(run, job)),
                          "Run both with `%s`." % GATHER)
    # The lines must come from coroutines that asyncio's event loop runs (a
    # replay of the expected output with time.sleep between prints has none).
    outside = [l for l in cook + wash if not l.in_event_loop]
    if outside:
        raise Mistake(BY_THE_LOOP,
                      "`%s` was printed outside any event loop: no coroutine printed it"
                      % outside[0].text.strip(),
                      "Write `async def cook(num)` and `async def wash(num)`, and run them with "
                      "`%s` inside async def main(), started with asyncio.run(main())." % GATHER,
                      lines=outside[:2])
    for job in JOBS:
        printed_by_other(run, job)
    for first, second, first_lines, second_lines in (("cook", "wash", cook, wash),
                                                      ("wash", "cook", wash, cook)):
        # FIRST slept between its lines (it printed two or more) and SECOND printed
        # nothing meanwhile: they ran one after the other.
        if len(first_lines) < 2 or first_lines[-1].t > second_lines[0].t:
            continue
        places = blocking_sleeps(run, detail=False)
        if places:
            why = ("%s printed all its lines before %s printed its first: time.sleep, called "
                   "at %s, blocks the event loop, so while %s slept no other coroutine could run"
                   % (first, second, " and ".join(places), first))
            hint = NO_TIME_SLEEP
        else:
            why = ("%s printed all its lines before %s printed its first, so they ran one after "
                   "the other. `await %s(%d)` runs %s to its end before main goes on to its next "
                   "line, and so does each asyncio.run(...): the second coroutine starts only "
                   "when the first has finished" % (first, second, first, JOBS[first][1], first))
            hint = ("Run both at once with `%s` inside async def main(), and start main once "
                    "with asyncio.run(main())." % GATHER)
        raise Mistake("cook and wash take turns: %s prints a line before %s prints its last"
                      % (second, first), why, hint,
                      lines=[first_lines[-1], second_lines[0]])
