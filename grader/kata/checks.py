"""Shared pieces of the checks: the Mistake a check raises, the timeline that
shows a run to the student, and the checks every exercise has."""
import re
import signal
from pathlib import Path

from grader.run.runner import MAX_PROCS, MEMORY_LIMIT, OUTPUT_LIMIT

TIMELINE_LIMIT = 24
SPAWN_GUARD = "bootstrapping phase"
EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b")


class Mistake(AssertionError):
    """A check's verdict on a student's run, in the student's terms.

    expected: what the exercise asks for; got: what this run did, naming the
    process or thread; hint: how to fix it; lines: lines of the run to mark in
    the timeline of the run, which the report shows unless TIMELINE is false;
    events: the harness's records it is about, marked in the report's picture."""

    def __init__(self, expected, got, hint=None, *, lines=(), timeline=True, events=()):
        super().__init__(got)
        self.expected = expected
        self.got = got
        self.hint = hint
        self.lines = list(lines)
        self.timeline = timeline
        self.events = list(events)

    def but(self, *, got=None, more=None, hint=None):
        """This Mistake with GOT instead of its own, MORE added to it (a line of
        its own), or another HINT."""
        text = self.got if got is None else got
        return Mistake(self.expected, text + "\n" + more if more else text,
                       self.hint if hint is None else hint, lines=self.lines,
                       timeline=self.timeline, events=self.events)

    def as_dict(self, run=None):
        """Its parts, as a report shows them for RUN, the run it judged: with its
        timeline drawn, and saying what of the run was not recorded."""
        got = self.got
        if run is not None and run.gaps:  # not seen is not absent: say so
            got += ("\nBut %s; what this check looked for may be in the part it did not "
                    "record." % run.unrecorded())
        return {"expected": self.expected, "got": got, "hint": self.hint,
                "timeline": render_timeline(run, self.lines)
                if (run is not None and self.timeline) else "",
                "marked": [[round(l.t, 6), l.pid, l.text] for l in self.lines
                           if l is not None and hasattr(l, "text")],
                "marked_events": [[round(e.t, 6), e.pid, e.ev] for e in self.events]}


def timeline_rows(run, marked=()):
    """The facts the timeline shows, as (time, '>' for a MARKED line else ' ',
    label, pid, thread, text) in time order: each line printed (of stderr, only
    an exception's line), each child process's and thread's start and end, each
    event set, and main's end."""
    marked_ids = {id(l) for l in marked}
    rows = []
    for proc in run.procs.values():
        if proc.role in ("child", "forked") and proc.began is not None:
            rows.append((proc.began, " ", proc.label, proc.pid, None, "(%s started)" % proc.label))
        if proc.role in ("child", "forked") and proc.ended is not None:
            how = "" if proc.exitcode in (0, None) else ", exit code %s" % proc.exitcode
            rows.append((proc.ended, " ", proc.label, proc.pid, None, "(%s ended%s)" % (proc.label, how)))
    for t in run.threads:
        if t.name != "MainThread" and not t.internal:
            label = run.procs[t.pid].label if t.pid in run.procs else "?"
            rows.append((t.began, " ", label, t.pid, t.name, "(thread %s started)" % t.name))
            if t.ended is not None:
                rows.append((t.ended, " ", label, t.pid, t.name, "(thread %s ended)" % t.name))
    for line in run.lines:
        if line.stream == "stderr" and not EXCEPTION_LINE.match(line.text):
            continue  # of a traceback, only its last line
        proc = run.procs.get(line.pid)
        rows.append((line.t, ">" if id(line) in marked_ids else " ", proc.label if proc else "?",
                     line.pid, line.thread, line.text if line.stream == "stdout" else "[stderr] " + line.text))
    for e in run.events_of("event_set"):
        proc = run.procs.get(e.pid)
        rows.append((e.t, " ", proc.label if proc else "?", e.pid, e.thread,
                     "(set the event, line %s)" % e.at.line if e.at else "?"))
    if run.main and run.main.ended is not None:
        rows.append((run.main.ended, " ", "main", run.main_pid, None, "(main's code finished)"))
    rows.sort(key=lambda r: r[0])
    return rows


def render_timeline(run, marked=()):
    """The run as 'when, who, what' rows: every line printed and when each
    process started and ended, in nominal seconds since main started."""
    rows = timeline_rows(run, marked)
    rows = _collapse_repeats(rows)
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
        out.append("%s%6.2fs  %-24s %s" % (mark, t, who, text))
    if run.scale != 1:
        out.append("  (times in your program's own seconds; the grader ran its sleeps %g× faster)"
                   % round(1 / run.scale, 2))
    return "\n".join(out)


def _collapse_repeats(rows, least=5):
    """A row repeated LEAST or more times in a row (same who, same text) is shown
    once, followed by how many times more and until when."""
    out, i = [], 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1][2:] == rows[i][2:] and rows[j + 1][1] == " ":
            j += 1
        out.append(rows[i])
        if j - i + 1 >= least:
            t, _, label, pid, thread, _ = rows[j]
            out.append((t, " ", label, pid, thread, "(the same line %d more times)" % (j - i)))
            i = j + 1
        else:
            out.extend(rows[i + 1:j + 1])
            i = j + 1
    return out


def _last_traceback_line(text):
    """The exception a traceback ended with (a warning printed after it does not count)."""
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    if "Traceback (most recent call last)" in text:
        after = lines[max(i for i, l in enumerate(lines)
                          if l.startswith("Traceback (most recent call last)")):]
        found = [l for l in after if EXCEPTION_LINE.match(l)]
        if found:
            return found[-1]
    return lines[-1] if lines else ""


def harness_frame(text):
    """Whether TEXT is the first line of a traceback's frame in the harness."""
    return "/grader/harness/" in text and text.lstrip().startswith("File ")


def student_traceback(text):
    """The traceback without the harness's own frames."""
    out, skip = [], False
    for line in text.splitlines():
        if skip and line.startswith("    "):
            continue  # the harness frame's code line and its ^^^ marker
        skip = False
        if harness_frame(line):
            skip = True
            continue
        out.append(line)
    return "\n".join(out)


def student_lines(run):
    """RUN's printed lines without the harness's frames in its tracebacks (a
    frame's line, then its code line and ^^^ marker, on the same stderr)."""
    out, skipping = [], set()
    for line in run.lines:
        stream = (line.pid, line.tid, line.stream)
        if stream in skipping and line.text.startswith("    "):
            continue
        skipping.discard(stream)
        if line.stream == "stderr" and harness_frame(line.text):
            skipping.add(stream)
            continue
        out.append(line)
    return out


def too_many_processes(run):
    """How many processes the run tried to have, if it went past the grader's
    limit, else None."""
    refused = run.events_of("fork_refused")
    if run.too_many:
        return run.too_many
    if refused:
        return refused[0].limit
    return None


def run_time(run):
    """The deadline a timed-out run was given, and the clock's time when a busy
    machine stretched it."""
    if run.elapsed is not None and run.elapsed > run.deadline * 1.2:
        return ("%g s (%.0f s on the clock: the machine was busy, so the grader counted only "
                "your program's share of it)" % (run.deadline, run.elapsed))
    return "%g s" % run.deadline


def fatal_problem(run):
    """Why no other check can judge this run, or None."""
    if run.missing:
        return "the file %s does not exist" % run.file
    if run.events_of("harness_error"):
        return "the grader's own recording of the run failed"
    if too_many_processes(run):
        return "the program started too many processes"
    if run.deadlock is not None:
        return "the program deadlocked: it waited for a lock that could never be released"
    if run.timed_out:
        return "the program did not finish within %g s" % run.deadline
    main_err = run.main.stderr_text() if run.main else run.stderr
    if re.search(r"^(SyntaxError|IndentationError|TabError)", main_err, re.M) or (
            not run.events and run.exit_code):
        return "the program could not start: %s" % _last_traceback_line(main_err or run.stderr)
    if any(SPAWN_GUARD in text for _, text in run.tracebacks()):
        return "its child processes could not start under %s" % run.start_method
    return None


ERROR_HINTS = (
    ("MemoryError", "The grader lets each process use at most %d GiB of memory; these exercises "
                    "need far less. Look for a list or string that grows without end."
                    % (MEMORY_LIMIT // 1024 ** 3)),
    ("File too large", "The grader stops a program's output at %d MiB; these exercises print a "
                       "few lines. Look for a print in a loop without an end."
                       % (OUTPUT_LIMIT // 1024 ** 2)),
    ("I/O operation on closed file", "Something closed sys.stdout (or the file print writes "
                                     "to) before this print: do not close standard output."),
    ("Bad file descriptor", "Something closed a file descriptor the program still uses, "
                            "e.g. os.close(1) closes standard output."),
)


def signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return "signal %d" % number


PARENT_HINT = ("os.getppid() in main is the process that started your program, not one of your "
               "children: keep the Process objects you start and use their pid, terminate() or "
               "kill().")


GROUP_HINT = ("A signal to your process group reaches every process in it, main and the grader's "
              "keeper too: stop the processes you started through their Process objects "
              "(terminate() or kill(), then join()).")


def keeper_killer(run):
    """('; main ran the command `kill -9 K` at line N in f, and K is that
    process', a hint) for the first command or signal of the program that
    named the keeper."""
    pid = run.keeper_pid
    for e in run.events:
        if e.ev == "command" and re.search(r"(?<![\d-])-?%d(?!\d)" % pid, e.text):
            return ("; %s ran the command `%s` at line %d in %s, and %d is that process" % (
                run.who(e.pid), e.text, e.at.line, e.at.func, pid), PARENT_HINT)
        if e.ev == "kill_sent" and e.target in (pid, -pid, 0):
            if e.target == pid:
                return ("; %s sent it %s at line %d in %s" % (
                    run.who(e.pid), signal_name(e.sig), e.at.line, e.at.func),
                    PARENT_HINT)
            return ("; at line %d in %s, %s sent %s to its own process group, which that process "
                    "leads" % (e.at.line, e.at.func, run.who(e.pid),
                               signal_name(e.sig)),
                    GROUP_HINT)
    return "", PARENT_HINT


def sent_by(run, pid, signum):
    """(' (sent by process X with os.kill at line N)' if the program sent it,
    else ''; the hint for it)."""
    hint = ("A process that kills the process that started it ends the whole program's main: "
            "let main end by itself.")
    for e in run.events_of("kill_sent"):
        if e.sig == signum and e.target == pid:
            return " (sent by %s with os.kill at line %d in %s)" % (
                run.who(e.pid), e.at.line, e.at.func), hint
        if e.sig == signum and run.keeper_pid and e.target in (0, -run.keeper_pid):
            return " (sent by %s to its whole process group at line %d in %s)" % (
                run.who(e.pid), e.at.line, e.at.func), GROUP_HINT
    return "", hint


def exited_at(run, pid):
    """' (sys.exit(3) at line N in f)' if that process called sys.exit itself."""
    calls = run.events_of("sys_exit", pid=pid)
    if calls:
        at = calls[-1].at
        return " (sys.exit(%s) at line %d in %s)" % (calls[-1].code, at.line, at.func)
    return ""


def ignored_sigterm(run):
    """Why main hung at its end, if a daemon child ignores SIGTERM."""
    for e in run.events_of("signal_set"):
        proc = run.procs.get(e.pid)
        if e.signum == signal.SIGTERM and proc is not None and proc.daemon:
            return ("\n%s replaced SIGTERM's handler with %s at line %d: when main ends, "
                    "multiprocessing stops each daemon child with SIGTERM and then waits for it, "
                    "so main waited for ever." % (proc.describe(), e.handler, e.at.line))
    return ""


FRAME = re.compile(r'^\s*File "(.*)", line (\d+) in (.*)$')
THREAD = re.compile(r"^(?:Current thread|Thread) (0x[0-9a-f]+)")


AMPLIFIER = ("on_instruction", "local")  # the harness's race amplifier, called between instructions


def where_threads_were(run):
    """One line per thread of each process that was still running: the line of
    the student's file it was at, and the call it was waiting in."""
    names = {}
    for e in run.events:
        names.setdefault("0x%016x" % e.tid, e.thread or "?")
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
                code = run.source_line(number)
                where = "line %d in %s: %s" % (number, mine[0][2], code)
                called = frames.index(mine[0]) - 1
                if called >= 0 and "/grader/harness/" in frames[called][0] \
                        and frames[called][2] in AMPLIFIER:
                    called = -1  # between two instructions of the line, in no call
                if called > 0 and "/grader/harness/" in frames[called][0]:
                    called -= 1  # the call the harness wraps (a C call such as acquire: none)
                if called >= 0:
                    where += "   (waiting in %s)" % frames[called][2]
            out.append("    thread %s at %s" % (name, where))
    return "\n".join(out)


def waiting_in(run, pid):
    """[(line, called function, its file)] for each thread of process PID still
    running when the grader stopped the run: its innermost line of the student's
    file and the call it waited in, from the stack dump ([] if there is none)."""
    found = []
    for block in run.stacks.get(pid, "").split("\n\n"):
        lines = block.strip().splitlines()
        if not lines or not THREAD.match(lines[0]):
            continue
        frames = [FRAME.match(l).groups() for l in lines[1:] if FRAME.match(l)]
        frames = [f for f in frames if "/grader/harness/" not in f[0]]
        mine = [i for i, f in enumerate(frames) if Path(f[0]).resolve() == run.file]
        if mine:
            i = mine[0]
            found.append((int(frames[i][1]), frames[i - 1][2] if i > 0 else None,
                          frames[i - 1][0] if i > 0 else ""))
    return found


def _line(at):
    return "line %s" % at.line if at else "a line outside your file"


def _lock(number, made_at):
    return "lock #%d (made at %s)" % (number + 1, _line(made_at))


def describe_deadlock(run):
    """One line per thread of the wait-for cycle the harness saw."""
    out = []
    for step in run.deadlock or []:
        lock = _lock(step.waits_for, step.lock_at)
        if step.holder_ended:
            out.append("    thread %s waits at %s for %s, which thread %s took at %s and still "
                       "held when it ended: nobody can release it any more" % (
                           step.thread, _line(step.at), lock, step.holder,
                           _line(step.holder_at)))
        elif step.holder == step.thread:
            out.append("    thread %s waits at %s for %s, which it took itself at %s and never "
                       "released" % (step.thread, _line(step.at), lock,
                                     _line(step.holder_at)))
        else:
            out.append("    thread %s waits at %s for %s, which thread %s holds (taken at %s)" % (
                step.thread, _line(step.at), lock, step.holder,
                _line(step.holder_at)))
    return "\n".join(out)


def unended_lock_waits(run):
    """The lock_wait records of threads whose last lock record is a wait, with
    no timeout, that never ended (in time order)."""
    last = {}
    for e in run.events_of("lock_wait", "lock_got"):
        last[(e.pid, e.tid)] = e
    return sorted((e for e in last.values() if e.ev == "lock_wait" and e.timeout is None),
                  key=lambda e: e.t)


def pending_lock_waits(run):
    """Threads whose last lock event is a wait that never ended, one line each."""
    out = []
    for e in unended_lock_waits(run):
        ended = any(t.name == e.holder and t.pid == e.pid and t.ended is not None
                    for t in run.threads)
        out.append("    thread %s in %s waits at %s for %s, held by %s" % (
            e.thread, run.who(e.pid), _line(e.at), _lock(e.lock, e.lock_at),
            "thread %s (taken at %s)%s" % (e.holder, _line(e.holder_at),
                                           ", which had ended" if ended else "")
            if e.holder else "a thread that had already let it go"))
    return "\n".join(out)


def program_runs(run):
    """The check every exercise has: the program exists, starts, ends in time,
    and no process of it raised an exception."""
    if run.missing:
        raise Mistake("your program in %s" % run.file.name,
                      "there is no file %s" % run.file,
                      "Create the file (the stub in exercises/ is a good start).", timeline=False)
    failed = run.events_of("harness_error")
    if failed:
        raise Mistake(
            "the grader records everything your program does",
            "the grader's own recording failed in %s %s (%s), so nothing of this run can be "
            "judged" % (run.who(failed[0].pid), failed[0].what,
                        failed[0].error),
            "This is most likely a fault of the grader, not of your program: grade it again, and "
            "if it fails the same way, show this report to your instructor.")
    if run.keeper_killed:
        how, hint = keeper_killer(run)
        raise Mistake("the program signals only its own processes",
                      "the process that started main (pid %s, the grader's keeper of this run) was "
                      "killed while your program ran, and the run ended with it%s"
                      % (run.keeper_pid, how), hint)
    many = too_many_processes(run)
    if many:
        refused = run.events_of("fork_refused")
        at = refused[0].at if refused else None
        raise Mistake(
            "the program starts the few processes the exercise asks for",
            "%s, so the grader stopped it and every process it had started" % (
                "it tried to start more than %d processes%s" % (
                    refused[0].limit, " (the one refused was started at line %s in %s)" % (
                        at.line, at.func) if at else "")
                if refused else "it had %d processes running at once (the grader allows %d)"
                % (many, MAX_PROCS)),
            "Look for a loop that starts processes without end, or a child that starts "
            "processes of its own.")
    if run.deadlock is not None:
        if any(step.holder_ended for step in run.deadlock):
            what = "a thread waits for a lock that a thread which has ended never released"
            hint = ("Release every lock you take, also when the code between returns early or "
                    "raises: `with lock:` does that for you.")
        elif len(run.deadlock) == 1:
            what = "a thread deadlocked on its own lock"
            hint = ("A threading.Lock is held once: release it after each use (`with lock:` does "
                    "that), or use threading.RLock if one thread must take it again while "
                    "holding it.")
        else:
            what = "its threads deadlocked, each waiting for a lock another one holds"
            hint = ("Take the locks in the same order in every thread (for example, always the "
                    "lock of the account with the smaller name first), so no thread can hold one "
                    "lock while waiting for a lock held by a thread that waits for it.")
        raise Mistake(
            "the program ends by itself",
            "%s, so the program would hang for ever (the grader saw it and stopped it at once):\n%s"
            % (what, describe_deadlock(run)), hint, events=unended_lock_waits(run))
    if run.timed_out:
        stacks = where_threads_were(run)
        waits = pending_lock_waits(run)
        raise Mistake(
            "the program ends by itself",
            "it was still running after %s, so the grader stopped it and every process it had "
            "started.%s%s%s" % (run_time(run), "\nWhere each thread was:\n" + stacks if stacks else "",
                                "\nLocks still awaited:\n" + waits if waits else "",
                                ignored_sigterm(run)),
            "Look for a join() on something that never ends, a lock or semaphore that is never "
            "released, an event that is never set, or "
            "a loop without an end.", events=unended_lock_waits(run))
    problem = fatal_problem(run)
    if problem and problem.startswith("the program could not start"):
        raise Mistake("a program Python can run", problem,
                      "Run it yourself with `python %s` and fix the error shown." % run.file.name,
                      timeline=False)
    refused = run.events_of("kill_refused")
    if refused:
        e = refused[0]
        raise Mistake("the program signals only its own processes",
                      "%s tried to send %s to the grader (pid %s, %s)%s; the grader refused it"
                      % (run.who(e.pid), signal_name(e.sig), e.target,
                         "the process that started main" if e.target == run.keeper_pid else
                         "the grading process" if e.target > 0 else
                         "every process" if e.target == -1 else "the grader's process group",
                         " at line %d in %s" % (e.at.line, e.at.func) if e.at
                         else ""),
                      PARENT_HINT)
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
                "Put the code that creates and starts processes under `if __name__ == \"__main__\":`.")
        last = _last_traceback_line(text)
        raise Mistake("no process of the program raises an exception",
                      "%s raised %s\n%s" % (proc.describe(), last, student_traceback(text)),
                      next((hint for key, hint in ERROR_HINTS if key in last),
                           "Read the traceback from the bottom up: the last line of your file in "
                           "it is where it went wrong."))
    if run.exit_code is not None and run.exit_code < 0:
        how, hint = sent_by(run, run.main_pid, -run.exit_code)
        raise Mistake("the program exits normally (exit code 0)",
                      "the main process was killed by %s%s" % (signal_name(-run.exit_code), how),
                      hint)
    ended = run.events_of("os_exit", pid=run.main_pid)
    if ended:
        at = ended[-1].at
        raise Mistake("main ends normally, at the end of its code",
                      "the main process called os._exit(%s) at line %d in %s%s: os._exit ends the "
                      "process at once, without Python's clean-up, so multiprocessing neither joins "
                      "nor stops its children" % (ended[-1].code, at.line, at.func,
                                                  "" if run.main.lines else
                                                  ", before printing anything"),
                      "Let main run to its end (or use sys.exit()); os._exit is only for a "
                      "child made with os.fork().")
    if run.exit_code not in (0, None):
        raise Mistake("the program exits normally (exit code 0)",
                      "the main process ended with exit code %s%s" % (
                          run.exit_code, exited_at(run, run.main_pid)))
    for child in run.children():
        code = child.exitcode
        if code is None or code == 0 or (code < 0 and -code in (signal.SIGTERM, signal.SIGKILL)):
            continue
        raise Mistake("every process of the program ends normally (exit code 0)",
                      "%s ended with exit code %s%s" % (
                          child.describe(), code, exited_at(run, child.pid) if code > 0 else
                          " (killed by %s)" % signal_name(-code)),
                      "A process's exit code is not 0 when it calls sys.exit() with a number or "
                      "dies of a signal.")
    if run.leftovers:
        raise Mistake("nothing of the program is still running after main has ended",
                      "still running after main ended: %s"
                      % ", ".join("pid %d (%s)" % (l["pid"], l["cmdline"]) for l in run.leftovers),
                      "Join every process you start (or make it a daemon).")

