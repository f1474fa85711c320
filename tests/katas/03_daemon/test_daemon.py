"""Hidden suite of 03_daemon: the worker is a daemon from the start, cannot
have children, works while main sleeps and is stopped when main ends."""
import re

from grader.checks import Mistake, program_runs

END = "主进程结束!"
WORK = re.compile(r"^\s*Work in \[(\d+)\]\s*$")
NO_CHILDREN = "daemonic processes are not allowed to have children"


def work_lines(run):
    return run.printed(WORK)


def main_end_line(run):
    lines = run.printed(END)
    if not lines:
        raise Mistake("main prints `%s`" % END, "no process printed `%s`" % END, run=run)
    if lines[-1].pid != run.main_pid:
        raise Mistake("the main process prints `%s`" % END,
                      "it was printed by %s" % run.who(lines[-1].pid), run=run, lines=lines)
    return lines[-1]


def worker(run):
    """The child process that ran work(): the one that printed Work lines,
    or else the one whose target is work."""
    lines = work_lines(run)
    pids = {l.pid for l in lines}
    if run.main_pid in pids:
        empty = [e for e in run.events_of("proc_started", pid=run.main_pid)
                 if e["target"] is None and not e["run_overridden"]]
        if empty:
            raise Mistake(
                "work() runs in a child process",
                "`Work in` lines were printed by the main process (pid %d): `target=work()` calls "
                "work right away in main and gives the Process its result, None, as the target "
                "(line %s)" % (run.main_pid, (empty[0]["at"] or {}).get("line", "?")),
                "Pass the function itself: Process(target=work), without the brackets.",
                run=run, lines=[l for l in lines if l.pid == run.main_pid])
        raise Mistake("work() runs in a child process",
                      "`Work in` lines were printed by the main process (pid %d)" % run.main_pid,
                      "Run work in a multiprocessing.Process: Process(target=work).",
                      run=run, lines=[l for l in lines if l.pid == run.main_pid])
    kids = [run.proc(p) for p in pids] or [p for p in run.children() if p.target == "work"]
    if len(kids) != 1:
        raise Mistake("one worker process running work()",
                      "found %d such processes" % len(kids),
                      "Start one Process(target=work).", run=run)
    return kids[0]


def test_program_runs(run):
    program_runs(run)


def test_daemon_before_start(run):
    starts = [e for e in run.events_of("proc_started", pid=run.main_pid)]
    if not starts:
        raise Mistake("main starts a worker process", "main started no process",
                      "worker = multiprocessing.Process(target=work); worker.daemon = True; "
                      "worker.start()", run=run)
    proc = worker(run)
    start = next((e for e in starts if e["child"] == proc.pid), None)
    if start and start["daemon"]:
        return
    late = "process has already started" in (run.main.stderr_text() if run.main else "")
    raise Mistake(
        "the worker is a daemon when it starts (daemon=True before start())",
        "%s was started with daemon=False%s" % (
            proc.describe(), "; then setting .daemon after start() raised "
            "'process has already started'" if late else ""),
        "Set worker.daemon = True before worker.start(), or pass daemon=True to Process().",
        run=run)


def test_no_grandchild(run):
    proc = worker(run)
    grandkids = [p for p in run.children() if p.starter == proc.pid]
    if grandkids:
        raise Mistake("the daemon cannot start a process of its own",
                      "%s started %s" % (proc.describe(), grandkids[0].describe()),
                      "Only a daemon is refused children: make the worker a daemon.", run=run)
    tried = [e for e in run.events_of("proc_start_failed", pid=proc.pid)
             if e["error"].startswith("AssertionError")]
    said = [l for l in proc.lines if NO_CHILDREN in l.text]
    if not tried:
        raise Mistake("work() tries to start a process and gets an AssertionError",
                      "%s never tried to start a process%s" % (
                          proc.describe(), " (it printed the message itself)" if said else ""),
                      "Inside work(): try: multiprocessing.Process(target=...).start() "
                      "except AssertionError as e: print(e)", run=run, lines=said)
    if not said:
        errors = proc.stderr_text()
        uncaught = "Traceback" in errors and NO_CHILDREN in errors
        raise Mistake("work() prints the error's message: `%s`" % NO_CHILDREN,
                      "%s got the AssertionError but did not print its message%s" % (
                          proc.describe(), ": it did not catch it, so the error ended the process "
                          "(see the first check)" if uncaught else ""),
                      "try: ...start() except AssertionError as e: print(e)" if uncaught else
                      "except AssertionError as e: print(e)", run=run)


def test_work_lines(run):
    worker(run)  # the lines come from one child process, or a Mistake says why not
    lines = work_lines(run)
    numbers = [int(WORK.match(l.text).group(1)) for l in lines]
    if not lines:
        raise Mistake("the daemon prints `Work in [0]`, `Work in [1]`, ... while main sleeps",
                      "no `Work in [i]` line was printed", run=run)
    if numbers != list(range(len(numbers))):
        raise Mistake("`Work in [0]`, `Work in [1]`, ... counting up from 0",
                      "the numbers were %s" % numbers,
                      "for i in range(10): print('Work in [%d]' % i); time.sleep(0.5)",
                      run=run, lines=lines)
    # The last line may be cut off by main's end before its sleep begins.
    for line in lines[:-1]:
        sleeps = run.sleeps_after(line)
        if any(e["secs"] is None for e in sleeps) or sum(e["secs"] for e in sleeps) >= 0.5:
            continue
        raise Mistake(
            "the daemon sleeps 0.5 s after each `Work in` line",
            "after `%s`, %s %s before its next line" % (
                line.text.strip(), run.who(line.pid, line.thread),
                "slept only %g s (%s)" % (sum(e["secs"] for e in sleeps), ", ".join(
                    "`%s` at line %d" % (run.source_line(e["at"]["line"]), e["at"]["line"])
                    for e in sleeps)) if sleeps else "did not sleep"),
            "for i in range(10): print('Work in [%d]' % i); time.sleep(0.5)",
            run=run, lines=[line])


def test_main_sleeps_no_join(run):
    # Decided from what main did with the processes it started, whether or not
    # the worker got to print anything.
    end = main_end_line(run)
    starts = run.events_of("proc_started", pid=run.main_pid)
    if not starts:
        return  # main started nothing: daemon_before_start says so
    joins = [e for e in run.events_of("proc_join", pid=run.main_pid)
             if e["child"] in {s["child"] for s in starts} and e.get("at")]
    if joins:
        e = joins[0]
        proc = run.proc(e["child"])
        raise Mistake(
            "main sleeps 2 s, prints `%s` and ends without joining the daemon" % END,
            "main called join(%s) on %s at line %d (`%s`)%s" % (
                "" if e.get("timeout") is None else e["timeout"],
                proc.describe() if proc else run.who(e["child"]),
                e["at"]["line"], run.source_line(e["at"]["line"]),
                ": join(%s) waits up to %s s for it to end, instead of leaving it to be "
                "stopped when main ends" % (e["timeout"], e["timeout"])
                if e.get("timeout") is not None else ": join() waits until it has ended"),
            "Do not join the daemon: wait with time.sleep(2), print `%s` and let main end; "
            "the daemon is stopped with it." % END, run=run, lines=[end])
    start = starts[0]
    proc = run.proc(start["child"])
    naps = [e for e in run.events_of("sleep", pid=run.main_pid)
            if e["tid"] == end.tid and start["t"] < e["t"] < end.t]
    if any(e["secs"] is None for e in naps):
        return
    slept = sum(e["secs"] for e in naps)
    if slept < 2:
        raise Mistake(
            "main sleeps 2 s after starting the daemon, then prints `%s`" % END,
            "between starting %s at line %s and printing `%s`, main %s" % (
                proc.describe() if proc else "its process (pid %d)" % start["child"],
                (start.get("at") or {}).get("line", "?"), END,
                "slept only %g s (%s)" % (slept, ", ".join(sorted(
                    {"`%s` at line %d" % (run.source_line(e["at"]["line"]), e["at"]["line"])
                     for e in naps}))) if naps else "did not call time.sleep"),
            "worker.start(); time.sleep(2); print('%s')" % END, run=run, lines=[end])


def test_alive_at_main_end(run):
    proc = worker(run)
    end = main_end_line(run)
    stops = [e for e in run.events_of("proc_terminate", "proc_kill", pid=run.main_pid)
             if e["child"] == proc.pid and e["t"] <= end.t]
    if stops:
        raise Mistake(
            "the daemon is still working when main prints `%s`" % END,
            "main %s it%s before printing `%s`, so it was no longer working" % (
                "terminated" if stops[0]["ev"] == "proc_terminate" else "killed",
                " at line %d" % stops[0]["at"]["line"] if stops[0]["at"] else "", END),
            "Do not stop the daemon yourself: it is stopped when main ends.",
            run=run, lines=[end])
    if proc.ended is not None and proc.ended <= end.t:
        joins = [e for e in run.events_of("proc_join", pid=run.main_pid)
                 if e["child"] == proc.pid and e["at"] and e["t"] <= end.t]
        raise Mistake(
            "the daemon is still working when main prints `%s`" % END,
            "%s had already ended%s" % (
                proc.describe(), ": main called join() on it at line %d, so main waited for all "
                "its work" % joins[0]["at"]["line"] if joins else
                " (it crashed with exit code %s: see the first check)" % proc.exitcode
                if proc.exitcode not in (0, None) else ""),
            "Do not join the daemon: main sleeps 2 s, prints its line and ends." if joins else
            "Catch the error inside work() so that it goes on working." if proc.exitcode else
            "Main sleeps 2 s while the daemon works, then prints its line and ends.",
            run=run, lines=[end])


def test_stopped_with_main(run):
    proc = worker(run)
    end = main_end_line(run)
    after = [l for l in work_lines(run) if l.t > end.t]
    # One line may race main's exit; a worker that goes on working prints more.
    if proc.exitcode == 0 and proc.ended is not None and proc.ended <= end.t:
        joins = [e for e in run.events_of("proc_join", pid=run.main_pid)
                 if e["child"] == proc.pid and e["at"] and e["t"] <= end.t]
        raise Mistake(
            "the daemon is stopped when main ends, in the middle of its work",
            "%s was never stopped: it did all its work and ended by itself (exit code 0) before "
            "main's last line%s" % (proc.describe(), ", because main called join() on it at line "
                                    "%d and waited" % joins[0]["at"]["line"] if joins else ""),
            "Do not join the daemon: main sleeps 2 s, prints its line and ends." if joins else
            "Main sleeps 2 s while the daemon works, then prints its line and ends.",
            run=run, lines=[end])
    if len(after) > 1 or proc.exitcode == 0:
        raise Mistake(
            "the daemon is stopped as soon as main ends",
            "%s went on after main's last line (printed %d more `Work in` lines, exit code "
            "%s)%s" % (proc.describe(), len(after), proc.exitcode,
                       "" if proc.daemon else ": Python waits for a process that is not a daemon"),
            "Make the worker a daemon before starting it." if not proc.daemon else
            "Main sleeps 2 s, prints its line and ends; the daemon is stopped with it.",
            run=run, lines=after)
