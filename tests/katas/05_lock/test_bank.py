"""Hidden suite of 05_lock: the harness amplifies races in the student's own
code, so a missing or useless lock gives a wrong balance in practically every
run; and, exactly in every run, it counts which thread acquired which lock the
file created and which globals a thread wrote while holding none of them."""
import re

from grader.checks import Mistake, program_runs

NUMBER = re.compile(r".*?(-?\d+)\s*$")  # a line that ends with a number


def workers(run):
    return [t for t in run.threads if t.pid == run.main_pid and t.name != "MainThread"
            and (t.target or "").endswith("run_thread")] or \
        [t for t in run.threads if t.pid == run.main_pid and t.name != "MainThread"]


def final_balance(run):
    balance = (run.exit_globals or {}).get("g_balance")
    if not isinstance(balance, int):
        raise Mistake("a global g_balance", "there was no integer global g_balance at the end",
                      "Keep g_balance = 0 at module level and `global g_balance` in change_it.",
                      timeline=False)
    return balance


def shared_locks(run, names):
    """The locks the file created that every worker thread acquired at least once."""
    return [l for l in run.locks if "acquired" in l and names
            and all(l["acquired"].get(n, 0) >= 1 for n in names)]


def unguarded_writes(run):
    """[(line, func, name, writes, threads)]: globals the worker threads wrote while
    holding none of the file's locks (counted by the harness in every amplified run)."""
    found = {}
    for t in workers(run):
        for u in t.unguarded:
            entry = found.setdefault((u["line"], u["func"], u["name"]), [0, []])
            entry[0] += u["count"]
            entry[1].append(t.name)
    return [(line, func, name, n, threads) for (line, func, name), (n, threads)
            in sorted(found.items())]


def test_program_runs(run):
    program_runs(run)


def test_balance_zero(run):
    balance = final_balance(run)
    if balance != 0:
        shared = shared_locks(run, {t.name for t in workers(run)})
        raise Mistake(
            "g_balance is 0 at the end of every run",
            "g_balance ended as %d: the two threads' updates interleaved (one read the balance, "
            "the other changed it, the first wrote back a stale value)%s" % (
                balance, "; both threads did take the lock from line %d, but it was not held "
                "for the whole of each change_it(n)" % shared[0]["at"]["line"] if shared else ""),
            "Hold one shared lock around every change_it(n): `with lock: change_it(n)`.",
            run=run)


def test_one_shared_lock(run):
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
            "one Lock, shared by both threads, held around every change_it call",
            "both threads acquired the lock from line %d, but %s wrote %s %d times at line %d "
            "in %s (`%s`) while holding no lock: the lock was not held for the whole of each "
            "change_it(n), so the updates can still interleave" % (
                shared[0]["at"]["line"], " and ".join(threads), name, writes, line, func,
                run.source_line(line)),
            "Call change_it(n) inside the with-block (`with lock: change_it(n)`), or guard both "
            "statements of change_it with it.", timeline=False)
    many = [l for l in run.locks if "more" in l]
    created = len(run.locks) - len(many) + sum(l["more"] for l in many)
    first = run.locks[0]
    line = first["at"]["line"]
    if created > len(names):
        got = ("%d locks were created (at line %d, in %s): a new Lock per call protects nothing, "
               "since no other thread ever waits for it" % (created, line, first["at"]["func"]))
    elif created == len(names) and len(names) > 1:
        got = ("each thread used a lock of its own (created at line %d, in %s): a lock only "
               "keeps out threads that use the same lock" % (line, first["at"]["func"]))
    else:
        counts = ", ".join("by %s %d times" % kv for kv in sorted(first["acquired"].items()))
        got = ("the lock from line %d was %s; both threads must hold it while they call change_it"
               % (line, "acquired " + counts if counts else "never acquired"))
    raise Mistake("one Lock, shared by both threads, held around every change_it call", got,
                  "Create the lock once at module level and use it in run_thread: "
                  "`with lock: change_it(n)`.", timeline=False)


def test_threads_overlap(run):
    threads = workers(run)
    if len(threads) != 2:
        raise Mistake("two threads run run_thread", "%d threads ran" % len(threads), run=run)
    a, b = sorted(threads, key=lambda t: t.began)
    if a.ended is not None and b.began >= a.ended:
        raise Mistake("the two threads run at the same time",
                      "%s started only after %s had ended" % (b.name, a.name),
                      "Start both threads first, then join both.", run=run)


def test_prints_final_balance(run):
    numbers = run.printed(NUMBER)
    printed = [l for l in numbers if l.pid == run.main_pid and l.thread == "MainThread"]
    if not printed:
        others = [l for l in numbers if l not in printed]
        raise Mistake("main prints the final g_balance",
                      "main printed no number%s" % (
                          " (%s printed %s)" % (run.who(others[0].pid, others[0].thread),
                                                others[0].text.strip()) if others else ""),
                      "After joining both threads, print(g_balance) in the main thread.",
                      run=run, lines=others[:1])
    line = printed[-1]
    late = [t for t in workers(run) if t.ended is None or t.ended > line.t]
    if late:
        raise Mistake("main prints g_balance after both threads have finished",
                      "main printed %s while %s was still running" % (line.text.strip(),
                                                                      late[0].name),
                      "Join both threads before printing.", run=run, lines=[line])
    balance = final_balance(run)
    if int(NUMBER.match(line.text).group(1)) != balance:
        raise Mistake("the printed number is g_balance",
                      "main printed %s but g_balance was %d" % (line.text.strip(), balance),
                      "print(g_balance)", run=run, lines=[line])
