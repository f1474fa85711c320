"""Shared pieces of the checks: the Mistake a check raises, the timeline that
shows a run to the student, and the checks every exercise has."""
import re
from pathlib import Path

TIMELINE_LIMIT = 24
SPAWN_GUARD = "bootstrapping phase"


class Mistake(AssertionError):
    """A check's verdict on a student's run, in the student's terms.

    expected: what the exercise asks for; got: what this run did, naming the
    process or thread; hint: how to fix it; lines: lines of the run to mark in
    the timeline (the whole run is shown when a run is given)."""

    def __init__(self, expected, got, hint=None, *, run=None, lines=(), timeline=True):
        super().__init__(got)
        self.expected = expected
        self.got = got
        self.hint = hint
        self.timeline = render_timeline(run, lines) if (run is not None and timeline) else ""

    def as_dict(self):
        return {"expected": self.expected, "got": self.got, "hint": self.hint,
                "timeline": self.timeline}


def render_timeline(run, marked=()):
    """The run as 'when, who, what' rows: every line printed and when each
    process started and ended, in nominal seconds since main started."""
    marked_ids = {id(l) for l in marked}
    rows = []
    for proc in run.procs.values():
        if proc.role in ("child", "forked") and proc.began is not None:
            rows.append((proc.began, " ", proc.label, proc.pid, None, "(%s started)" % proc.label))
        if proc.role in ("child", "forked") and proc.ended is not None:
            how = "" if proc.exitcode in (0, None) else ", exit code %s" % proc.exitcode
            rows.append((proc.ended, " ", proc.label, proc.pid, None, "(%s ended%s)" % (proc.label, how)))
    for t in run.threads:
        if t.name != "MainThread":
            label = run.procs[t.pid].label if t.pid in run.procs else "?"
            rows.append((t.began, " ", label, t.pid, t.name, "(thread %s started)" % t.name))
            if t.ended is not None:
                rows.append((t.ended, " ", label, t.pid, t.name, "(thread %s ended)" % t.name))
    for line in run.lines:
        if line.stream == "stderr" and not re.match(r"\w+(Error|Exception|Interrupt|Exit)\b", line.text):
            continue  # of a traceback, only its last line
        proc = run.procs.get(line.pid)
        rows.append((line.t, ">" if id(line) in marked_ids else " ", proc.label if proc else "?",
                     line.pid, line.thread, line.text if line.stream == "stdout" else "[stderr] " + line.text))
    if run.main and run.main.ended is not None:
        rows.append((run.main.ended, " ", "main", run.main_pid, None, "(main's code finished)"))
    rows.sort(key=lambda r: r[0])
    if len(rows) > TIMELINE_LIMIT:
        head, tail = rows[:TIMELINE_LIMIT // 2], rows[-(TIMELINE_LIMIT // 2 - 1):]
        rows = head + [None] + tail
    out = ["  time   who                      printed"]
    for row in rows:
        if row is None:
            out.append("   ...")
            continue
        t, mark, label, pid, thread, text = row
        who = "%s pid %d" % (label, pid)
        if thread and thread != "MainThread":
            who += " " + thread
        if len(text) > 70:
            text = text[:67] + "..."
        out.append("%s%6.2fs  %-24s %s" % (mark, run.at(t), who, text))
    if run.scale != 1:
        out.append("  (times in your program's own seconds; the grader ran its sleeps %g× faster)"
                   % round(1 / run.scale, 2))
    return "\n".join(out)


def _last_traceback_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[-1].strip() if lines else ""


def student_traceback(text):
    """The traceback without the harness's own frames."""
    out, skip = [], False
    for line in text.splitlines():
        if skip:
            skip = False
            if line.startswith("    "):
                continue
        if "/grader/harness/" in line and line.lstrip().startswith("File "):
            skip = True
            continue
        out.append(line)
    return "\n".join(out)


def fatal_problem(run):
    """Why no other check can judge this run, or None."""
    if run.missing:
        return "the file %s does not exist" % run.file
    if run.timed_out:
        return "the program did not finish within %g s" % run.deadline
    main_err = run.main.stderr_text() if run.main else run.stderr
    if re.search(r"^(SyntaxError|IndentationError|TabError)", main_err, re.M) or (
            not run.events and run.exit_code):
        return "the program could not start: %s" % _last_traceback_line(main_err or run.stderr)
    if any(SPAWN_GUARD in text for _, text in run.tracebacks()):
        return "its child processes could not start under %s" % run.start_method
    return None


FRAME = re.compile(r'^\s*File "(.*)", line (\d+) in (.*)$')
THREAD = re.compile(r"^(?:Current thread|Thread) (0x[0-9a-f]+)")


def where_threads_were(run):
    """One line per thread of each process that was still running: the line of
    the student's file it was at, and the call it was waiting in."""
    names = {}
    for e in run.events:
        names.setdefault("0x%016x" % e["tid"], e.get("thread") or "?")
    try:
        source = run.file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        source = []
    out = []
    for pid, text in sorted(run.stacks.items()):
        proc = run.procs.get(pid)
        out.append("in %s:" % (proc.describe() if proc else "process pid %d" % pid))
        for block in text.split("\n\n"):
            lines = block.strip().splitlines()
            head = THREAD.match(lines[0]) if lines else None
            if not head:
                continue
            frames = [FRAME.match(l).groups() for l in lines[1:] if FRAME.match(l)]
            mine = [f for f in frames if Path(f[0]).resolve() == run.file]
            name = names.get(head.group(1), head.group(1))
            if not mine:
                frames = [f for f in frames if "/grader/harness/" not in f[0]]
                where = "outside your file" + (" in %s" % frames[0][2] if frames else "")
            else:
                number = int(mine[0][1])
                code = source[number - 1].strip() if 0 < number <= len(source) else ""
                where = "line %d in %s: %s" % (number, mine[0][2], code)
                called = frames.index(mine[0]) - 1
                if called > 0 and "/grader/harness/" in frames[called][0]:
                    called -= 1  # the call the harness wraps (a C call such as acquire: none)
                if called >= 0:
                    where += "   (waiting in %s)" % frames[called][2]
            out.append("    thread %s at %s" % (name, where))
    return "\n".join(out)


def program_runs(run):
    """The check every exercise has: the program exists, starts, ends in time,
    and no process of it raised an exception."""
    if run.missing:
        raise Mistake("your program in %s" % run.file.name,
                      "there is no file %s" % run.file,
                      "Create the file (the stub in exercises/ is a good start).", timeline=False)
    if run.timed_out:
        stacks = where_threads_were(run)
        raise Mistake(
            "the program ends by itself",
            "it was still running after %g s, so the grader stopped it and every process it had "
            "started.%s" % (run.deadline, "\nWhere each thread was:\n" + stacks if stacks else ""),
            "Look for a join() on something that never ends, a lock that is never released, or "
            "a loop without an end.", run=run)
    problem = fatal_problem(run)
    if problem and problem.startswith("the program could not start"):
        raise Mistake("a program Python can run", problem,
                      "Run it yourself with `python %s` and fix the error shown." % run.file.name,
                      run=run, timeline=False)
    crashed = run.tracebacks()
    if crashed:
        proc, text = crashed[0]
        if SPAWN_GUARD in text:
            raise Mistake(
                "the program also works under the 'spawn' start method (the default on macOS "
                "and Windows)",
                "%s failed while starting: under spawn each child imports your file again, and "
                "your file starts processes at import time, outside `if __name__ == \"__main__\":`."
                % proc.describe(),
                "Put the code that creates and starts processes under `if __name__ == \"__main__\":`.",
                run=run)
        raise Mistake("no process of the program raises an exception",
                      "%s raised %s\n%s" % (proc.describe(), _last_traceback_line(text),
                                            student_traceback(text)),
                      "Read the traceback from the bottom up: the last line of your file in it "
                      "is where it went wrong.", run=run)
    if run.exit_code not in (0, None):
        raise Mistake("the program exits normally (exit code 0)",
                      "the main process ended with exit code %s" % run.exit_code, run=run)
    if run.leftovers:
        raise Mistake("nothing of the program is still running after main has ended",
                      "still running after main ended: %s"
                      % ", ".join("pid %d (%s)" % (l["pid"], l["cmdline"]) for l in run.leftovers),
                      "Join every process you start (or make it a daemon).", run=run)
