"""Hidden suite of 05_lock: the harness amplifies races in the student's own
code, so a missing or useless lock gives a wrong balance in practically every
run; and, exactly in every run, it counts which thread acquired which lock the
file created (with the first and last time it got it, and how often an
acquire gave up), which globals a thread wrote while holding none of them,
and which threads main joined."""
import ast
import re
from collections import Counter

from grader.kata import Mistake, check
from grader.trace.relations import (in_start_order, joined_before_starting, joins_of,
                                    race_cause, still_running, waited_for)

TIMES = 1000  # change_it calls per thread
NUMBER = re.compile(r".*?(-?\d+)\s*$")  # a line that ends with a number
ONE_LOCK = "one Lock, shared by both threads, held around every change_it call"


def workers(run):
    mine = [t for t in run.threads if t.pid == run.main_pid and t.name != "MainThread"]
    return [t for t in mine if (t.target or "").endswith("run_thread")] or mine


def final_balance(run):
    balance = (run.exit_globals or {}).get("g_balance")
    if not isinstance(balance, int):
        raise Mistake("a global g_balance", "there was no integer global g_balance at the end",
                      "Keep g_balance = 0 at module level and `global g_balance` in change_it.",
                      timeline=False)
    return balance


def shared_locks(run, names):
    """The locks the file created that every worker thread acquired at least once,
    the most acquired first."""
    found = [l for l in run.locks if names and all(l.acquired.get(n, 0) >= 1 for n in names)]
    return sorted(found, key=lambda l: -sum(l.acquired.values()))


def made_where(run):
    """'2000 locks were made: 1 at line 5 in <module> and 1999 at line 12 in change_it'
    (the harness lists the first 50 locks; beyond them it only counts)."""
    listed, total = len(run.locks), len(run.locks) + run.locks_unlisted
    sites = Counter(l.at for l in run.locks)
    places = {at: at.in_func if at else "a line outside your file" for at in sites}
    more = total > listed
    made = "%d lock%s %s made" % (total, "" if total == 1 else "s", "was" if total == 1 else "were")
    if len(sites) == 1:
        return "%s, %s at %s" % (made, "the first %d (the grader lists no more) all" % listed
                                 if more else "all" if total > 1 else "", places[next(iter(sites))])
    parts = ["%d at %s" % (n, places[at])
             for at, n in sorted(sites.items(), key=lambda kv: kv[0].line if kv[0] else 0)]
    return "%s%s %s" % (made, "; of the first %d (the grader lists no more)," % listed
                        if more else ":", " and ".join(parts))


def unguarded_writes(run):
    """[(line, func, name, writes, threads)]: globals the worker threads wrote while
    holding none of the file's locks (counted by the harness in every amplified run)."""
    found = {}
    for t in workers(run):
        for u in t.unguarded:
            entry = found.setdefault((u.line, u.func, u.name), [0, []])
            entry[0] += u.count
            entry[1].append(t.name)
    return [(line, func, name, n, threads) for (line, func, name), (n, threads)
            in sorted(found.items())]


def trying_acquires(run, lock, thread):
    """The lines of the acquire() calls that may give up: those the harness saw wait
    with a timeout, else the calls in the file with blocking=False or a timeout."""
    lines = sorted({e.at.line for e in run.events_of("lock_wait")
                    if e.lock == lock.number and e.thread == thread
                    and e.timeout is not None and e.at})
    if lines:
        return lines
    try:
        tree = ast.parse(run.file.read_text(encoding="utf-8", errors="replace"))
    except (OSError, SyntaxError, ValueError):
        return []
    return sorted({node.lineno for node in ast.walk(tree) if trying(node)})


def trying(node):
    """Whether NODE is an acquire() call that may give up (blocking=False or a timeout)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "acquire"):
        return False
    words = {k.arg: k.value for k in node.keywords}
    blocking = node.args[0] if node.args else words.get("blocking")
    return len(node.args) > 1 or "timeout" in words or (
        isinstance(blocking, ast.Constant) and not blocking.value)


def gives_up_at_once(node):
    """Whether NODE is an acquire() call that gives up as soon as the lock is busy or
    nearly so: blocking=False, or a timeout under 10 ms (a lock holder that loses its
    CPU for a moment makes it give up)."""
    if not trying(node):
        return False
    words = {k.arg: k.value for k in node.keywords}
    timeout = node.args[1] if len(node.args) > 1 else words.get("timeout")
    return timeout is None or (isinstance(timeout, ast.Constant) and isinstance(
        timeout.value, (int, float)) and 0 <= timeout.value < 0.01)


def skipping_acquires(run):
    """The lines of the file's acquire() calls that give up at once and whose giving
    up skips the call: tested by an `if` whose nearest loop is a `for` loop (not a
    `while` that tries again), where it failed neither acquire() nor change_it() is
    called and the loop goes on (no raise, return or break)."""
    try:
        tree = ast.parse(run.file.read_text(encoding="utf-8", errors="replace"))
    except (OSError, SyntaxError, ValueError):
        return []
    found = []

    def visit(node, loop):
        if isinstance(node, ast.If) and loop == "for":
            negated = isinstance(node.test, ast.UnaryOp) and isinstance(node.test.op, ast.Not)
            test = node.test.operand if negated else node.test
            failed = node.body if negated else node.orelse
            inside = [n for part in failed for n in ast.walk(part)]
            names = {getattr(n.func, "attr", getattr(n.func, "id", None)) for n in inside
                     if isinstance(n, ast.Call)}
            if gives_up_at_once(test) and not names & {"acquire", "change_it"} and not any(
                    isinstance(n, (ast.Raise, ast.Return, ast.Break)) for n in inside):
                found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, "for" if isinstance(node, (ast.For, ast.AsyncFor)) else
                  "while" if isinstance(node, ast.While) else
                  None if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else loop)
    visit(tree, None)
    return found


def unshared_writes(run):
    """Why the workers' writes to g_balance can interleave, from the locks each
    write held (recorded in every amplified run, raced or not), or None: a
    write that held no lock, or no lock that every writing thread held at one
    of its writes (a lock per call, or one per thread)."""
    writes = {t.name: [w for w in t.stores if w.name == "g_balance"] for t in workers(run)}
    writes = {name: found for name, found in writes.items() if found}
    alive = in_start_order(run, [t for t in workers(run) if t.name in writes])
    if len(alive) < 2 or any(joined_before_starting(run, a, b)
                             for i, a in enumerate(alive) for b in alive[i + 1:]):
        return None  # threads the program runs one after the other cannot interleave
    return race_cause(writes, "it", "both threads")


@check(3, "the final balance is 0 in every run", "每次运行最终余额都是 0")
def balance_zero(run):
    balance = final_balance(run)
    why = unshared_writes(run) if balance == 0 else None
    if why:  # 0 by luck: the scheduler kept the threads apart this time
        got = ("g_balance ended as 0 in this run, but only because the two threads happened not "
               "to interleave: %s, so in another run their updates can interleave" % why)
    elif balance != 0:
        shared = shared_locks(run, {t.name for t in workers(run)})
        cause = unshared_writes(run)
        got = ("g_balance ended as %d: the two threads' updates interleaved (one read the "
               "balance, the other changed it, the first wrote back a stale value)%s" % (
                   balance, "; both threads did take the lock from line %d, but it was not held "
                   "for the whole of each change_it(n)" % shared[0].at.line if shared else
                   ": %s" % cause if cause else ""))
    else:
        return
    raise Mistake("g_balance is 0 at the end of every run", got,
                  "Hold one shared lock around every change_it(n): `with lock: change_it(n)`.")


@check(3, "both threads use one shared Lock around every change",
       "两个线程在每次修改时使用同一把共享的 Lock")
def one_shared_lock(run):
    threads = workers(run)
    names = {t.name for t in threads}
    if not run.locks:
        raise Mistake("change_it runs while holding a threading.Lock",
                      "your file never created a threading.Lock",
                      "lock = threading.Lock() at module level; `with lock: change_it(n)`.",
                      timeline=False)
    shared = shared_locks(run, names)
    if shared:
        unguarded = unguarded_writes(run)
        if not unguarded:
            return
        line, func, name, writes, threads = unguarded[0]
        raise Mistake(
            ONE_LOCK,
            "both threads acquired the lock from line %d, but %s wrote %s %d times at line %d "
            "in %s (`%s`) while holding no lock: the lock was not held for the whole of each "
            "change_it(n), so the updates can still interleave" % (
                shared[0].at.line, " and ".join(threads), name, writes, line, func,
                run.source_line(line)),
            "Call change_it(n) inside the with-block (`with lock: change_it(n)`), or guard both "
            "statements of change_it with it.", timeline=False)
    per_thread = {t.name: {int(n) for n in t.locks} for t in threads}  # the locks each took
    if len(names) > 1 and any(len(taken) > 1 for taken in per_thread.values()):
        got = ("%s: a new Lock per call protects nothing, since no other thread ever waits "
               "for it; each thread took at least this many different locks: %s" % (
                   made_where(run), ", ".join("%s %d" % (name, len(taken))
                                              for name, taken in sorted(per_thread.items()))))
    elif len(names) > 1 and all(len(taken) == 1 for taken in per_thread.values()):
        made = {l.number: l.at for l in run.locks}
        places = sorted({made[n].in_func for taken in per_thread.values() for n in taken
                         if made.get(n)})
        got = ("each thread used a lock of its own%s: a lock only keeps out threads that use "
               "the same lock" % (" (made at %s)" % " and ".join(places) if places else ""))
    else:
        first = run.locks[0]
        counts = ", ".join("by %s %d times" % kv for kv in sorted(first.acquired.items()))
        got = ("the lock from line %d was %s; both threads must hold it while they call change_it"
               % (first.at.line, "acquired " + counts if counts else "never acquired"))
    raise Mistake(ONE_LOCK, got, "Create the lock once at module level and use it in run_thread: "
                  "`with lock: change_it(n)`.", timeline=False)


@check(2, "no change_it call is skipped because the lock was busy",
       "不会因为锁被占用而跳过 change_it 调用")
def no_call_skipped(run):
    # Judged only where the harness saw an acquire give up (blocking=False or a
    # timeout): then fewer acquisitions than calls means calls were skipped.  (Fewer
    # acquisitions alone prove nothing: a lock made lazily, e.g. by a defaultdict, can
    # be replaced by another one after a thread's first calls.)
    # Where no acquire gave up (the threads did not meet at the lock this time),
    # an acquire whose giving up skips the call is still a mistake.
    refused = any(l.refused.get(t.name) for l in run.locks for t in workers(run))
    skips = [] if refused else skipping_acquires(run)
    if skips:
        raise Mistake(
            "each thread makes all its %d change_it calls, each holding the lock" % TIMES,
            "acquire() at %s can give up (it returns False instead of waiting until the lock "
            "is free), and then the `if` leaves that change_it call out and the `for` loop "
            "goes on: a call that finds the lock busy is skipped. In this "
            "run no acquire gave up (the lock was free whenever a thread tried), but in a run "
            "where the threads meet at the lock, calls are skipped" % " or ".join(
                "line %d (`%s`)" % (n, run.source_line(n)) for n in skips),
            "Wait for the lock instead of giving up: `with lock: change_it(n)` (a plain acquire() "
            "waits until the lock is free). If you try with blocking=False or a timeout, try "
            "again until you get it; never skip the call.", timeline=False)
    for t in sorted(workers(run), key=lambda t: t.began):
        mine = [l for l in run.locks if l.refused.get(t.name)]
        got = sum(l.acquired.get(t.name, 0) for l in run.locks)
        if not mine or got >= TIMES:
            continue  # it never gave up, or it tried again until it got the lock
        gave_up = sum(l.refused[t.name] for l in mine)
        lines = trying_acquires(run, max(mine, key=lambda l: l.refused[t.name]), t.name)
        where = " at %s" % " or ".join("line %d (`%s`)" % (n, run.source_line(n))
                                       for n in lines) if lines else ""
        raise Mistake(
            "each thread makes all its %d change_it calls, each holding the lock" % TIMES,
            "in %s, acquire()%s gave up %d times (it returned False instead of waiting for the "
            "lock), %s" % (
                t.name, where, gave_up,
                "so change_it ran under the lock only %d of its %d times: each call that found "
                "the lock busy was skipped" % (got, TIMES) if got + gave_up == TIMES
                else "and %s got the lock only %d times, fewer than the %d change_it calls the "
                "exercise asks for, each holding the lock" % (t.name, got, TIMES)),
            "Wait for the lock instead of giving up: `with lock: change_it(n)` (a plain acquire() "
            "waits until the lock is free). If you try with blocking=False or a timeout, try "
            "again until you get it; never skip the call.", timeline=False)


@check(1, "the two threads run at the same time, taking turns call by call",
       "两个线程同时运行，一次调用一次调用地轮流持有锁")
def threads_overlap(run):
    # Judged by what the program did, not by how the scheduler ran it: a join
    # between the two starts, or a thread that took the shared lock once for its
    # whole loop, keeps the threads apart in every run; without either, a run
    # in which one thread happened to finish before the other began is no mistake.
    threads = workers(run)
    if len(threads) != 2:
        raise Mistake("two threads run run_thread", "%d threads ran" % len(threads))
    a, b = in_start_order(run, threads)
    join = joined_before_starting(run, a, b)
    if join:
        raise Mistake("the two threads run at the same time",
                      "%s started only after %s had ended: main called join() on it at line %d "
                      "(`%s`) before starting %s" % (b.name, a.name, join.at.line, join.at.code,
                                                     b.name),
                      "Start both threads first, then join both.")
    shared = shared_locks(run, {a.name, b.name})
    if not shared:
        return
    lock = shared[0]
    once = [t for t in (a, b) if lock.acquired.get(t.name) == 1 and not t.unguarded]
    if not once:
        return
    first = once[0]
    second = b if first is a else a
    waits = [e for e in run.events_of("lock_wait") if e.lock == lock.number]
    took = [e for e in waits if e.holder == first.name and e.holder_at]
    waited = [e for e in waits if e.thread == second.name and e.at]
    raise Mistake(
        "the two threads run at the same time, taking turns call by call",
        "the lock made at line %d: %s took it only once%s and held it around its whole loop of "
        "change_it calls%s, so the two threads took turns instead of changing the balance at "
        "the same time" % (lock.at.line, first.name, " at %s" % took[0].holder_at if took else "",
                           ", while %s waited for it at line %d" % (second.name, waited[0].at.line)
                           if waited else ""),
        "Hold the lock around each change_it(n) call inside the loop, not around the "
        "whole loop: `for i in range(1000):` then `with lock: change_it(n)`.")


@check(2, "main joins both threads, then prints the real final balance",
       "main join 两个线程之后，打印真实的最终余额")
def prints_final_balance(run):
    numbers = run.printed(NUMBER)
    printed = [l for l in numbers if l.pid == run.main_pid and l.thread == "MainThread"]
    if not printed:
        others = [l for l in numbers if l not in printed]
        raise Mistake("main prints the final g_balance",
                      "main printed no number%s" % (
                          " (%s printed %s)" % (run.who(others[0].pid, others[0].thread),
                                                others[0].text.strip()) if others else ""),
                      "After joining both threads, print(g_balance) in the main thread.",
                      lines=others[:1])
    line = printed[-1]
    # Decided by what main did, not by timing: it joined each thread (join() without
    # a timeout waits for its end) before it printed.
    for t in sorted(workers(run), key=lambda t: t.began):
        if waited_for(run, t, line.t):
            continue
        joins = joins_of(run, t, line.t)
        if joins:
            e = joins[-1]
            got = ("main called join(timeout=%s) on %s at %s before printing %s: a join with a "
                   "timeout may give up before the thread has ended, and how long 1000 calls "
                   "take depends on the machine%s" % (
                       e.timeout, t.name, e.at, line.text.strip(), "; in this run it did give "
                       "up, with %s still running" % t.name if e.alive else ""))
            hint = "Call t.join() without a timeout: it waits as long as the thread runs."
        else:
            later = [e for e in run.events_of("thread_join", pid=run.main_pid)
                     if e.name == t.name and e.at and e.t > line.t]
            naps = [e for e in run.events_of("sleep", pid=run.main_pid)
                    if e.thread == "MainThread" and e.t < line.t and e.at]
            got = "main printed %s without joining %s first%s%s%s" % (
                line.text.strip(), t.name,
                " (it joined it only afterwards, at line %d)" % later[0].at.line if later else "",
                "; instead main slept %g s (%s), which only guesses how long the thread needs"
                % (sum(e.secs or 0 for e in naps), ", ".join(sorted(
                    {"`%s` at line %d" % (e.at.code, e.at.line) for e in naps}))) if naps else "",
                "; in this run %s was still running then" % t.name
                if still_running(line.t, [t]) else "")
            hint = "Join both threads before printing: t1.join(); t2.join()."
        raise Mistake("main prints g_balance after joining both threads", got, hint, lines=[line])
    balance = final_balance(run)
    if int(NUMBER.match(line.text).group(1)) != balance:
        raise Mistake("the printed number is g_balance",
                      "main printed %s but g_balance was %d" % (line.text.strip(), balance),
                      "print(g_balance)", lines=[line])
