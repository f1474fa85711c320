"""Hidden suite of 03_daemon: the worker is a daemon from the start, cannot
have children, works while main sleeps and is stopped when main ends."""
import re

from grader.kata import Mistake, check
from grader.trace.events import where
from grader.trace.relations import sleeps_after, slept_too_little

END = "主进程结束!"
WORK = re.compile(r"^\s*Work in \[(\d+)\]\s*$")
NO_CHILDREN = "daemonic processes are not allowed to have children"


def work_lines_of(run):
    return run.printed(WORK)


def main_end_line(run):
    lines = run.printed(END)
    if not lines:
        raise Mistake("main prints `%s`" % END, "no process printed `%s`" % END)
    if lines[-1].pid != run.main_pid:
        raise Mistake("the main process prints `%s`" % END,
                      "it was printed by %s" % run.who(lines[-1].pid), lines=lines)
    return lines[-1]


def worker(run):
    """The child process that ran work(): the one that printed Work lines,
    or else the one whose target is work."""
    lines = work_lines_of(run)
    pids = {l.pid for l in lines}
    if run.main_pid in pids:
        empty = [e for e in run.events_of("proc_started", pid=run.main_pid)
                 if e.target is None and not e.run_overridden]
        if empty:
            raise Mistake(
                "work() runs in a child process",
                "`Work in` lines were printed by the main process (pid %d): `target=work()` calls "
                "work right away in main and gives the Process its result, None, as the target "
                "(line %s)" % (run.main_pid, (empty[0].at.line if empty[0].at else "?")),
                "Pass the function itself: Process(target=work), without the brackets.",
                lines=[l for l in lines if l.pid == run.main_pid])
        raise Mistake("work() runs in a child process",
                      "`Work in` lines were printed by the main process (pid %d)" % run.main_pid,
                      "Run work in a multiprocessing.Process: Process(target=work).",
                      lines=[l for l in lines if l.pid == run.main_pid])
    kids = [run.proc(p) for p in pids] or [p for p in run.children() if p.target == "work"]
    if len(kids) != 1:
        raise Mistake("one worker process running work()",
                      "found %d such processes" % len(kids),
                      "Start one Process(target=work).")
    return kids[0]


@check(2, "the worker process is made a daemon before it starts",
       "工作进程在启动之前被设为守护进程")
def daemon_before_start(run):
    starts = [e for e in run.events_of("proc_started", pid=run.main_pid)]
    if not starts:
        raise Mistake("main starts a worker process", "main started no process",
                      "worker = multiprocessing.Process(target=work); worker.daemon = True; "
                      "worker.start()")
    proc = worker(run)
    start = next((e for e in starts if e.child == proc.pid), None)
    if start and start.daemon:
        return
    late = "process has already started" in (run.main.stderr_text() if run.main else "")
    raise Mistake(
        "the worker is a daemon when it starts (daemon=True before start())",
        "%s was started with daemon=False%s" % (
            proc.describe(), "; then setting .daemon after start() raised "
            "'process has already started'" if late else ""),
        "Set worker.daemon = True before worker.start(), or pass daemon=True to Process().",)


@check(2, "work() tries to start a process and prints why it cannot",
       "work() 尝试启动一个进程，并打印为什么不能启动")
def no_grandchild(run):
    proc = worker(run)
    grandkids = [p for p in run.children() if p.starter == proc.pid]
    if grandkids:
        raise Mistake("the daemon cannot start a process of its own",
                      "%s started %s" % (proc.describe(), grandkids[0].describe()),
                      "Only a daemon is refused children: make the worker a daemon.")
    failed = run.events_of("proc_start_failed", pid=proc.pid)
    tried = [e for e in failed if e.error.startswith("AssertionError")]
    said = [l for l in proc.lines if NO_CHILDREN in l.text]
    # A daemon is refused at once, before anything else start() does: a start()
    # that failed otherwise, or had not returned when the worker was stopped
    # (starting a process can take long), was not refused.
    starting = run.events_of("proc_starting", pid=proc.pid)
    unfinished = starting[len(run.events_of("proc_started", pid=proc.pid)) + len(failed):]
    if not tried and (failed or unfinished):
        attempt = (failed or unfinished)[0]
        raise Mistake("the daemon cannot start a process of its own",
                      "%s called start() on process %s at %s and was not refused: %s" % (
                          proc.describe(), attempt.target or attempt.name, where(attempt.at),
                          "start() failed with %s" % attempt.error if failed else
                          "it was stopped before that start() returned"),
                      "Only a daemon is refused children (with an AssertionError): make the "
                      "worker a daemon.")
    if not tried:
        raise Mistake("work() tries to start a process and gets an AssertionError",
                      "%s never tried to start a process%s" % (
                          proc.describe(), " (it printed the message itself)" if said else ""),
                      "Inside work(): try: multiprocessing.Process(target=...).start() "
                      "except AssertionError as e: print(e)", lines=said)
    if not said:
        errors = proc.stderr_text()
        uncaught = "Traceback" in errors and NO_CHILDREN in errors
        raise Mistake("work() prints the error's message: `%s`" % NO_CHILDREN,
                      "%s got the AssertionError but did not print its message%s" % (
                          proc.describe(), ": it did not catch it, so the error ended the process "
                          "(see the first check)" if uncaught else ""),
                      "try: ...start() except AssertionError as e: print(e)" if uncaught else
                      "except AssertionError as e: print(e)")


@check(2, "the daemon prints Work in [0], [1], ... in order, sleeping 0.5 s after each",
       "守护进程按顺序打印 Work in [0], [1], ...，每行之后睡眠 0.5 秒")
def work_lines(run):
    worker(run)  # the lines come from one child process, or a Mistake says why not
    lines = work_lines_of(run)
    numbers = [int(WORK.match(l.text).group(1)) for l in lines]
    if not lines:
        raise Mistake("the daemon prints `Work in [0]`, `Work in [1]`, ... while main sleeps",
                      "no `Work in [i]` line was printed")
    if numbers != list(range(len(numbers))):
        raise Mistake("`Work in [0]`, `Work in [1]`, ... counting up from 0",
                      "the numbers were %s" % numbers,
                      "for i in range(10): print('Work in [%d]' % i); time.sleep(0.5)",
                      lines=lines)
    # The last line may be cut off by main's end before its sleep begins.
    for line in lines[:-1]:
        did = slept_too_little(sleeps_after(run, line), 0.5)
        if did:
            raise Mistake(
                "the daemon sleeps 0.5 s after each `Work in` line",
                "after `%s`, %s %s before its next line" % (
                    line.text.strip(), run.who(line.pid, line.thread), did),
                "for i in range(10): print('Work in [%d]' % i); time.sleep(0.5)", lines=[line])


@check(1, "main sleeps 2 s and ends without joining the daemon",
       "main 睡眠 2 秒，不 join 守护进程就结束")
def main_sleeps_no_join(run):
    # Decided from what main did with the processes it started, whether or not
    # the worker got to print anything.
    end = main_end_line(run)
    starts = run.events_of("proc_started", pid=run.main_pid)
    if not starts:
        return  # main started nothing: daemon_before_start says so
    joins = [e for e in run.events_of("proc_join", pid=run.main_pid)
             if e.child in {s.child for s in starts} and e.at]
    if joins:
        e = joins[0]
        proc = run.proc(e.child)
        raise Mistake(
            "main sleeps 2 s, prints `%s` and ends without joining the daemon" % END,
            "main called join(%s) on %s at line %d (`%s`)%s" % (
                "" if e.timeout is None else e.timeout,
                proc.describe() if proc else run.who(e.child),
                e.at.line, e.at.code,
                ": join(%s) waits up to %s s for it to end, instead of leaving it to be "
                "stopped when main ends" % (e.timeout, e.timeout)
                if e.timeout is not None else ": join() waits until it has ended"),
            "Do not join the daemon: wait with time.sleep(2), print `%s` and let main end; "
            "the daemon is stopped with it." % END, lines=[end])
    start = starts[0]
    proc = run.proc(start.child)
    naps = [e for e in run.events_of("sleep", pid=run.main_pid)
            if e.tid == end.tid and start.t < e.t < end.t]
    if any(e.secs is None for e in naps):
        return
    slept = sum(e.secs for e in naps)
    if slept < 2:
        raise Mistake(
            "main sleeps 2 s after starting the daemon, then prints `%s`" % END,
            "between starting %s at line %s and printing `%s`, main %s" % (
                proc.describe() if proc else "its process (pid %d)" % start.child,
                (start.at.line if start.at else "?"), END,
                "slept only %g s (%s)" % (slept, ", ".join(sorted(
                    {"`%s` at line %d" % (e.at.code, e.at.line)
                     for e in naps}))) if naps else "did not call time.sleep"),
            "worker.start(); time.sleep(2); print('%s')" % END, lines=[end])


@check(2, "the daemon is still working when main prints 主进程结束!",
       "main 打印 主进程结束! 时守护进程还在工作")
def alive_at_main_end(run):
    proc = worker(run)
    end = main_end_line(run)
    stops = [e for e in run.events_of("proc_terminate", "proc_kill", pid=run.main_pid)
             if e.child == proc.pid and e.t <= end.t]
    if stops:
        raise Mistake(
            "the daemon is still working when main prints `%s`" % END,
            "main %s it%s before printing `%s`, so it was no longer working" % (
                "terminated" if stops[0].ev == "proc_terminate" else "killed",
                " at line %d" % stops[0].at.line if stops[0].at else "", END),
            "Do not stop the daemon yourself: it is stopped when main ends.",
            lines=[end])
    if proc.ended is not None and proc.ended <= end.t:
        joins = [e for e in run.events_of("proc_join", pid=run.main_pid)
                 if e.child == proc.pid and e.at and e.t <= end.t]
        raise Mistake(
            "the daemon is still working when main prints `%s`" % END,
            "%s had already ended%s" % (
                proc.describe(), ": main called join() on it at line %d, so main waited for all "
                "its work" % joins[0].at.line if joins else
                " (it crashed with exit code %s: see the first check)" % proc.exitcode
                if proc.exitcode not in (0, None) else ""),
            "Do not join the daemon: main sleeps 2 s, prints its line and ends." if joins else
            "Catch the error inside work() so that it goes on working." if proc.exitcode else
            "Main sleeps 2 s while the daemon works, then prints its line and ends.",
            lines=[end])


@check(1, "the daemon is stopped when main ends",
       "main 结束时守护进程被停止")
def stopped_with_main(run):
    proc = worker(run)
    end = main_end_line(run)
    after = [l for l in work_lines_of(run) if l.t > end.t]
    # One line may race main's exit; a worker that goes on working prints more.
    if proc.exitcode == 0 and proc.ended is not None and proc.ended <= end.t:
        joins = [e for e in run.events_of("proc_join", pid=run.main_pid)
                 if e.child == proc.pid and e.at and e.t <= end.t]
        raise Mistake(
            "the daemon is stopped when main ends, in the middle of its work",
            "%s was never stopped: it did all its work and ended by itself (exit code 0) before "
            "main's last line%s" % (proc.describe(), ", because main called join() on it at line "
                                    "%d and waited" % joins[0].at.line if joins else ""),
            "Do not join the daemon: main sleeps 2 s, prints its line and ends." if joins else
            "Main sleeps 2 s while the daemon works, then prints its line and ends.",
            lines=[end])
    if len(after) > 1 or proc.exitcode == 0:
        raise Mistake(
            "the daemon is stopped as soon as main ends",
            "%s went on after main's last line (printed %d more `Work in` lines, exit code "
            "%s)%s" % (proc.describe(), len(after), proc.exitcode,
                       "" if proc.daemon else ": Python waits for a process that is not a daemon"),
            "Make the worker a daemon before starting it." if not proc.daemon else
            "Main sleeps 2 s, prints its line and ends; the daemon is stopped with it.",
            lines=after)
