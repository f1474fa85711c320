"""Hidden suite of 11_shared_value: four processes add 1 to one shared
multiprocessing.Value 1000 times each, under its lock.

The harness counts, in every process, each write to a Value from the student's
file and the multiprocessing locks the writing thread held at that moment
(value_writes).  So a missing lock, a lock around the read only, or a lock of
each process's own fails exactly, in every run, whatever number came out; the
race amplifier makes the printed number go wrong too."""
import re


from grader.kata import Mistake, check, explains_failure, waiting_in
from grader.trace.relations import race_cause, still_running

NUMBER = re.compile(r".*?(-?\d+)\s*$")  # a line that ends with a number
PROCESSES, TIMES = 4, 1000
TOTAL = PROCESSES * TIMES
FOUR_ADD = "four child processes each add 1 to counter.value 1000 times"
ONE_LOCK = "every increment holds one lock that all four processes share"
FORK_ONLY = ("Under spawn and forkserver each child process imports your file again, so what "
             "your file makes at module level (outside `if __name__ == \"__main__\":`) is made "
             "anew in every child. ")


def values_made(run, pid=None):
    return run.events_of("value_made", pid=pid)


def writes(run):
    """[(pid, entry)] for every value_writes entry of the run."""
    return [(e.pid, w) for e in run.events_of("value_writes") for w in e.writes or []]


def writers(run):
    """The child processes that wrote a Value, by pid (main if no child did)."""
    pids = sorted({pid for pid, _ in writes(run)})
    children = [p for p in pids if p in run.procs and run.procs[p].role == "child"]
    return children or pids


def count_by_pid(run, value=None):
    counts = {}
    for pid, w in writes(run):
        if value is None or w.value == value:
            counts[pid] = counts.get(pid, 0) + w.count
    return counts


def where(at):
    """'line 12 in work' for the place AT ('line ? in ?' for none)."""
    return at.in_func if at else "line ? in ?"


def code(at):
    """The code at the place AT ('' for none)."""
    return at.code if at else ""


def main_value(run):
    """The value_made event of main's Value, or a Mistake saying what was made instead."""
    made = values_made(run, pid=run.main_pid)
    if made:  # the one the processes wrote most, if main made several
        return max(made, key=lambda e: sum(count_by_pid(run, e.value).values())
                   if e.value else -1)
    elsewhere = values_made(run)
    if elsewhere:
        at = elsewhere[0].at
        pids = sorted({e.pid for e in elsewhere})
        raise Mistake(
            "main makes one multiprocessing.Value and passes it to the four processes",
            "main made no Value; %d other process%s made one each (at %s: `%s`), so each process "
            "counted in a Value of its own and nobody shared anything" % (
                len(pids), "" if len(pids) == 1 else "es", where(at), code(at)),
            (FORK_ONLY if run.start_method != "fork" else "") +
            "Make the Value in main (`counter = multiprocessing.Value(\"i\", 0)` under "
            "`if __name__ == \"__main__\":`) and pass it to each Process: `args=(counter,)`.")
    ints = [k for k, v in (run.exit_globals or {}).items() if isinstance(v, int)
            and not isinstance(v, bool)]
    raise Mistake(
        "the processes add to one multiprocessing.Value(\"i\", 0) that main made",
        "your file never made a multiprocessing.Value%s" % (
            " (main's global %s is an ordinary int: each child process gets a copy of it and "
            "adds to that copy, so main's stays as it was)" % ints[0] if ints else ""),
        "counter = multiprocessing.Value(\"i\", 0) in main, passed to each Process in args; "
        "the processes add to counter.value.")


def no_lock_of_its_own(run):
    """A Mistake if main's Value was made with lock=False (it has no get_lock())."""
    made = main_value(run)
    if made.lock is False:
        raise Mistake(
            ONE_LOCK,
            "the Value was made with lock=False at %s (`%s`): it has no lock of its own, and "
            "the grader follows the writes only of a Value made with its lock" % (
                where(made.at), code(made.at)),
            "Leave out lock=False: `multiprocessing.Value(\"i\", 0)` comes with a lock, and "
            "`with counter.get_lock(): counter.value += 1` holds it.", timeline=False)


def plain_lock_given(run, made):
    """Whether the Value of the value_made event MADE was given lock=<a Lock, not an RLock>,
    as its line of the student's file reads."""
    m = re.search(r"\block\s*=\s*([^,)]+)", code(made.at))
    if not m or "RLock" in m.group(1) or m.group(1).strip() in ("False", "True"):
        return False
    name = m.group(1).strip()
    if re.match(r"^[A-Za-z_][\w.]*$", name):  # lock=some_lock: how was it made?
        try:
            source = run.file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        made_as = re.findall(r"^\s*%s\s*=\s*(.+)$" % re.escape(name), source, re.M)
        return bool(made_as) and all("Lock(" in text and "RLock(" not in text
                                     for text in made_as)
    return "Lock(" in name


def value_lock_deadlock(run):
    """Why the program hung, when a process waited inside counter.value for the Value's own
    lock while a `with` block of its own held that lock: the Value was made with lock= a
    plain multiprocessing.Lock, which even its holder cannot take twice.  Else ''."""
    given = [e for e in values_made(run) if plain_lock_given(run, e)]
    if not given:
        return ""
    made = given[0].at
    lock = re.search(r"\block\s*=\s*([^,)]+)", code(made)).group(1).strip()
    for pid in sorted(run.stacks):
        for line, fn, path in waiting_in(run, pid):
            if fn not in ("getvalue", "setvalue"):  # Synchronized.value's own accessors
                continue
            block = run.with_statement(line)
            if not block or ("get_lock()" not in block[1] and lock not in block[1]):
                continue
            return ("%s waited for ever at line %d (`%s`)%s. The Value made at %s (`%s`) was "
                    "given its lock with lock=: reading or writing counter.value takes the "
                    "Value's lock itself, and a plain multiprocessing.Lock cannot be taken "
                    "twice, not even by the process that holds it, so the process waited for "
                    "itself." % (
                        run.who(pid), line, run.source_line(line),
                        ", inside the block of line %d (`%s`), which already held that lock"
                        % block, where(made), code(made)))
    return ""


CRASH_HINTS = (
    ("has no attribute 'get_lock'",
     "A Value made with lock=False has no lock, so it has no get_lock(): leave lock=False out "
     "(`multiprocessing.Value(\"i\", 0)`)."),
    ("should only be shared between processes through inheritance",
     "Pass the Value to multiprocessing.Process(target=..., args=(counter,)); a Pool's map or "
     "submit cannot take it."),
)


@explains_failure
def known_failures(run, mistake):
    """A hang on the Value's own lock explained; else, for an exception (and only then,
    not for a hang or a failed start that left a traceback too), the hint for a known one."""
    why = value_lock_deadlock(run) if run.timed_out else ""
    if why:
        return mistake.but(more=why, hint="Leave out lock=: `multiprocessing.Value(\"i\", 0)` "
                           "makes its own RLock, which the holder may take again, and `with "
                           "counter.get_lock(): counter.value += 1` then works.")
    if mistake.expected != "no process of the program raises an exception":
        return None
    text = "\n".join(t for _, t in run.tracebacks())
    return next((mistake.but(hint=hint) for key, hint in CRASH_HINTS if key in text), None)


def unshared_writes(run):
    """Why the child processes' writes to the Value can interleave (see race_cause),
    or None."""
    pids = [p for p in writers(run) if p != run.main_pid]
    held = {}
    for pid, w in writes(run):
        if pid in pids:
            held.setdefault(run.who(pid), []).append(w)
    return race_cause(held, "counter.value", "all the processes") if len(held) > 1 else None


def joined_before_starting(run):
    """main's join() of a counting process that came before its start() of another
    (they then run one after the other), or None."""
    pids = [p for p in writers(run) if p != run.main_pid]
    starts = {e.child: e for e in run.events_of("proc_started", pid=run.main_pid)
              if e.child in pids}
    for join in run.events_of("proc_join", pid=run.main_pid):
        if join.child not in starts or join.exitcode is None:
            continue
        called = join.t if join.began is None else join.began
        later = [s for s in starts.values() if s.t > called]
        if later:
            return join, later[0]
    return None


@check(3, "main prints 4000, after all four processes ended, in every run",
       "每次运行 main 都在四个进程结束后打印 4000")
def count_4000(run):
    numbers = run.printed(NUMBER)
    printed = [l for l in numbers if l.pid == run.main_pid and l.thread == "MainThread"]
    if not printed:
        others = [l for l in numbers if l not in printed]
        raise Mistake("main prints the final counter.value, 4000",
                      "main printed no number%s" % (
                          " (%s printed %s)" % (run.who(others[0].pid, others[0].thread),
                                                others[0].text.strip()) if others else ""),
                      "After joining the four processes, print(counter.value) in main.",
                      lines=others[:1])
    line = printed[-1]
    number = int(NUMBER.match(line.text).group(1))
    workers = [run.procs[p] for p in writers(run) if run.procs[p].role == "child"] or \
        run.children()
    late = still_running(line.t, workers)
    if late:
        raise Mistake("main prints counter.value after all four processes have ended",
                      "main printed %d while %s was still running" % (number, late[0].describe()),
                      "Join every process (p.join() for each) before printing.", lines=[line])
    joined = {e.child for e in run.events_of("proc_join", pid=run.main_pid)
              if e.t <= line.t and e.exitcode is not None}
    unjoined = [p for p in workers if p.pid not in joined]
    if unjoined:
        raise Mistake("main joins the four processes, then prints counter.value",
                      "main printed %d without having joined %s; it happened to have ended "
                      "already in this run" % (number, unjoined[0].describe()),
                      "Join every process (p.join() for each) before printing: only join() "
                      "guarantees the process has finished.", lines=[line])
    if number == TOTAL:
        cause = unshared_writes(run) if not joined_before_starting(run) else None
        if cause:  # 4000 by luck: the scheduler kept the processes apart this time
            raise Mistake("main prints %d in every run" % TOTAL,
                          "main printed %d in this run, but only because the processes happened "
                          "not to interleave: %s, so in another run increments are lost"
                          % (number, cause),
                          "Hold the Value's lock around every increment: `with "
                          "counter.get_lock(): counter.value += 1`.", lines=[line])
        return
    made = values_made(run, pid=run.main_pid)
    counts = count_by_pid(run, main_value(run).value) if made else {}
    total = sum(n for pid, n in counts.items() if pid != run.main_pid) or \
        counts.get(run.main_pid, 0)
    own = [e for e in values_made(run) if e.pid != run.main_pid]
    if total == TOTAL and number < TOTAL:
        cause = unshared_writes(run)
        why = (": the processes did add 1 %d times, so %d increments were lost (two "
               "processes read the same number, and each wrote back that number + 1)%s"
               % (TOTAL, TOTAL - number, ": %s" % cause if cause else ""))
    elif own and not total:
        why = (": the processes each added to a Value of their own (made at %s), not to "
               "main's" % where(own[0].at))
    elif not values_made(run):
        why = (": your file made no multiprocessing.Value, and each child process added to "
               "its own copy of the count")
    else:
        why = ""
    raise Mistake("main prints %d in every run" % TOTAL,
                  "main printed %d%s" % (number, why),
                  "Four processes add 1 to one shared Value 1000 times each, holding "
                  "`counter.get_lock()` for every increment; main prints counter.value "
                  "after joining them.", lines=[line])


@check(3, "four child processes each add 1 to one shared Value 1000 times",
       "四个子进程各自给同一个共享的 Value 加 1000 次 1")
def four_processes(run):
    made = main_value(run)
    counts = count_by_pid(run, made.value)
    if not counts:
        at = made.at
        if made.lock is False:
            got = ("main made the Value at %s with lock=False; the grader follows the writes "
                   "only of a Value made with its lock" % where(at))
        elif count_by_pid(run):
            own = [e for e in values_made(run) if e.pid != run.main_pid]
            got = ("the processes added to Values other than the one main made at %s%s" % (
                where(at), ": %d processes made one each (at %s: `%s`), so nothing was shared"
                % (len({e.pid for e in own}), where(own[0].at), code(own[0].at)) if own else ""))
            if own and run.start_method != "fork":
                raise Mistake("four child processes each add 1 to the one Value main made", got,
                              FORK_ONLY + "Make the Value in main and pass "
                              "it to each Process: `args=(counter,)`.")
        else:
            got = "no process wrote the Value main made at %s (`%s`)" % (where(at), code(at))
        raise Mistake(FOUR_ADD, got,
                      "Pass the Value to each Process (`args=(counter,)`) and add 1 to "
                      "counter.value in work: `counter.value += 1`.")
    in_main = counts.pop(run.main_pid, 0)
    if not counts:
        threads = sorted({t.name for t in run.threads if t.pid == run.main_pid
                          and t.name != "MainThread"})
        direct = run.events_of("proc_run_direct", pid=run.main_pid)
        if direct and not threads:
            raise Mistake(
                FOUR_ADD,
                "all %d increments were made in the main process (pid %d): your program called "
                "the Process's run() at line %s, which runs the target right there in the "
                "calling process" % (in_main, run.main_pid,
                                     (direct[0].at.line if direct[0].at else "?")),
                "Call start() on each Process instead: it starts a new process that runs "
                "work(counter); then join() each.")
        raise Mistake(
            FOUR_ADD,
            "all %d increments were made in the main process (pid %d)%s" % (
                in_main, run.main_pid, ", by %d threads of the main process: a thread runs "
                "inside the process that started it" % len(threads) if threads else
                ", by no child process"),
            "Start four multiprocessing.Process(target=work, args=(counter,))%s." % (
                ", not threads" if threads else " and start() each"))
    children = sorted(counts.items(), key=lambda kv: run.procs[kv[0]].began or 0
                      if kv[0] in run.procs else 0)
    described = ", ".join("%s %d times" % (run.who(pid), n) for pid, n in children)
    if len(children) != PROCESSES:
        raise Mistake(
            FOUR_ADD, "%d child process%s added 1 to the Value: %s" % (
                len(children), "" if len(children) == 1 else "es", described),
            "Start four processes, each running work(counter), which adds 1 a thousand times.")
    if any(n != TIMES for _, n in children):  # main's own writes (a reset, say) don't count
        raise Mistake(
            FOUR_ADD, "the increments were: %s" % described,
            "Each of the four processes runs work(counter), which adds 1 a thousand times; "
            "main only starts, joins and prints.")


@check(3, "every increment holds one lock that all four processes share",
       "每次加 1 都持有四个进程共用的同一把锁")
def one_shared_lock(run):
    no_lock_of_its_own(run)
    pids = writers(run)
    if not pids:
        raise Mistake(ONE_LOCK, "no process added to a multiprocessing.Value",
                      "`with counter.get_lock(): counter.value += 1` in work.", timeline=False)
    held = {}  # pid -> the lock keys it held for some write
    for pid, w in writes(run):
        if pid in pids:
            held.setdefault(pid, set()).update(w.locks)
    shared = set.intersection(*held.values())
    bare, own = {}, {}  # (func, line) -> [writes, pids]
    for pid, w in writes(run):
        if pid not in pids or shared & set(w.locks):
            continue
        entry = (bare if not w.locks else own).setdefault((w.func, w.line), [0, set()])
        entry[0] += w.count
        entry[1].add(pid)
    if not bare and not own:
        return
    value = main_value(run).value
    if bare:
        (func, line), (n, who) = max(bare.items(), key=lambda kv: kv[1][0])
        raise Mistake(
            ONE_LOCK,
            "%s wrote counter.value %d times at line %d in %s (`%s`) while holding no lock: "
            "between reading the number and writing it back, another process can write, and "
            "that increment is lost" % (
                run.who(min(who)) if len(who) == 1
                else "%d processes" % len(who), n, line, func, run.source_line(line)),
            "Hold the Value's lock around the whole read-add-write: `with counter.get_lock(): "
            "counter.value += 1` (reading under the lock and writing after it loses "
            "increments just the same).", timeline=False)
    locks = set().union(*held.values())
    own_values = False
    many = [pid for pid in pids if len(held[pid]) > 1]
    if many:
        got = ("%s used %d different locks for its writes: a new Lock for every "
               "increment keeps nobody out" % (run.who(many[0]), len(held[many[0]])))
    elif locks <= {e.value for e in values_made(run) if e.pid in pids}:
        own_values = True
        got = ("each process held the lock of a Value of its own (%d Values, made at %s), so "
               "no process ever waited for another" % (
                   len(locks), where(values_made(run, pid=pids[0])[0].at)))
    else:
        got = ("each process held a lock of its own (%d different locks for %d processes): a "
               "lock only keeps out the processes that use the same lock" % (len(locks), len(pids)))
    if own_values:
        hint = ((FORK_ONLY if run.start_method != "fork" else "") + "Make the Value in main, "
                "pass it to each Process (`args=(counter,)`) and hold its get_lock() there.")
    elif value in locks:
        hint = "Hold counter.get_lock() for every increment in every process."
    else:
        hint = ("A multiprocessing.Lock() made inside the worker, or at module level (under spawn "
                "and forkserver each child imports your file again), is a different lock in every "
                "process. Use the Value's own lock, the same in every process: `with "
                "counter.get_lock():`, or make one Lock in main and pass it to every process in "
                "args.")
    raise Mistake(ONE_LOCK, got, hint, timeline=False)


@check(1, "the four processes count at the same time (all started before any is joined)",
       "四个进程同时计数（先全部启动，再 join）")
def at_the_same_time(run):
    """Judged from the order of main's own calls, not from timing: a join() on one
    counting process before the start() of another makes them run one at a time."""
    serial = joined_before_starting(run)
    if serial:
        join, later = serial
        raise Mistake(
            "the four processes count at the same time: main starts all four, then joins "
            "them",
            "main joined %s at %s before it started %s at %s, so the processes ran one "
            "after the other and never competed for the counter" % (
                run.who(join.child), where(join.at),
                run.who(later.child), where(later.at)),
            "Start every process first (`for p in processes: p.start()`), then join them in "
            "a second loop (`for p in processes: p.join()`).")
