"""Hidden suite of 08_deadlock: two threads move money between two accounts,
each with its own Lock.  The harness records, for every thread, which of the
file's locks it took while it held another (lock order) and how many it held
at once; a real deadlock stops the run at once (program_runs names the
cycle).  Opposite lock orders fail in every run, whether or not this run
happened to deadlock."""
import re

from grader.trace.events import where
from grader.kata import Mistake, check, program_runs_title
from grader.trace.relations import (in_start_order, joined_before_starting, joins_of,
                                    still_running, waited_for)

program_runs_title("the program runs to the end without errors or a deadlock",
                   "程序运行到结束，没有错误，也没有死锁")

START, A_TO_B, B_TO_A, TIMES = 10000, 2, 1, 1000
EXPECTED = {"A": START - TIMES * A_TO_B + TIMES * B_TO_A,
            "B": START + TIMES * A_TO_B - TIMES * B_TO_A}
TOTAL = 2 * START
LABELS = {label: re.compile(r"^\s*%s\s*[:：]\s*(-?\d+)\s*$" % label) for label in ("A", "B", "总额")}
ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}
BOTH_HELD = "each transfer holds the locks of both its accounts at once, the same two locks in " \
            "both threads"


def workers(run):
    """The threads main started (those that took a lock, if any did)."""
    threads = [t for t in run.threads if t.pid == run.main_pid and t.name != "MainThread"]
    return [t for t in threads if taken_by(run, t)] or threads


def taken_by(run, thread):
    """{lock number: how often THREAD took it}, for the locks the file made (all of them:
    the thread's own count; run.locks lists only the first 50)."""
    if thread.locks:
        return {int(n): c for n, c in thread.locks.items() if c}
    return {l.number: l.acquired[thread.name] for l in run.locks if l.acquired.get(thread.name)}


def shared_locks(run, threads):
    """The locks (of the first 50 the harness lists) that every one of THREADS took."""
    return [l for l in run.locks if all(l.acquired.get(t.name) for t in threads)]


def made_at(run, number):
    """Where the file made lock NUMBER (a Location), or None."""
    return next((l.at for l in run.locks if l.number == number), None)


def lock_name(run, number):
    """'lock #1 (made at line 11 in __init__)': numbered in the order the file made them."""
    made = made_at(run, number)
    return "lock #%d%s" % (number + 1, " (made at %s)" % made.in_func if made else "")


def made_note(run, numbers):
    """' (lock #1 and lock #2 are the Locks your file made 1st and 2nd, at line 11 in
    __init__)'"""
    made = [made_at(run, n) for n in numbers]
    if not all(made):
        return ""
    return " (%s are the Locks your file made %s, at %s)" % (
        " and ".join("lock #%d" % (n + 1) for n in numbers),
        " and ".join(ORDINAL.get(n + 1, "#%d" % (n + 1)) for n in numbers),
        " and ".join(sorted({m.in_func for m in made})))


def locks_taken(run, thread):
    """'lock #1 (made at line 11 in __init__) and lock #2 (...)', or, for many,
    '2000 different locks (the first 50 made at line 14 in transfer)'."""
    numbers = sorted(int(n) for n in thread.locks) or sorted(taken_by(run, thread))
    if len(numbers) <= 3:
        return " and ".join(lock_name(run, n) for n in numbers)
    made = [m for m in (made_at(run, n) for n in numbers) if m]
    places = sorted({m.in_func for m in made})
    # (at least: two locks made at the same moment may share a number in the count)
    return "at least %d different locks%s" % (len(numbers), " (%s made at %s)" % (
        "all" if len(made) == len(numbers) else "the %d the grader lists" % len(made),
        " and ".join(places)) if places else "")


def gate(orders, mine, other, x, y):
    """The locks both threads held while they took X and while they took Y: then only one
    of them at a time can be taking the two, so opposite orders cannot deadlock."""
    def taken_under(thread):
        under = {}
        for (held, then), _, who in orders:
            if who is thread:
                under.setdefault(then, set()).add(held)
        return under.get(x, set()) & under.get(y, set())
    return taken_under(mine) & taken_under(other)


@check(3, "both threads take the two locks in the same order, in every transfer, so they can "
       "never deadlock", "两个线程在每次转账中都按同一顺序获取两把锁，所以永远不会死锁")
def one_lock_order(run):
    # Opposite orders fail wherever they are seen: in two threads, or in one thread
    # whose order changed during the run (an order chosen by the data, e.g. by
    # comparing the balances, flips as the money moves).  Only orders taken under
    # one lock that both takings hold (a gate) are safe.
    orders = [((e.first, e.then), e, run.thread_of(e))
              for e in run.events_of("lock_order")]
    for (x, y), e, mine in orders:
        for pair, o, other in orders:
            if pair != (y, x) or gate(orders, mine, other, x, y):
                continue
            first_way = "thread %s took lock #%d at %s and then, while holding it, lock #%d at %s" % (
                e.thread, x + 1, where(e.first_at), y + 1, where(e.then_at))
            other_way = "first lock #%d at %s, then lock #%d at %s%s" % (
                y + 1, where(o.first_at), x + 1, where(o.then_at), made_note(run, sorted((x, y))))
            if other is mine and mine is not None:
                got = ("%s; in other transfers the same thread took the same two locks the other "
                       "way round: %s. Its order is not the same in every transfer: it depends "
                       "on something that changes while the program runs (such as the balances), "
                       "so two transfers can take the locks in opposite orders at the same time, "
                       "and then each waits for ever for the lock the other one holds: a deadlock. "
                       "This run happened to finish, but the next one may hang." % (
                           first_way, other_way))
            else:
                got = ("%s; thread %s took the same two locks the other way round: %s. When each "
                       "thread has taken its first lock, each waits for ever for the lock the other "
                       "one holds: a deadlock. This run happened to finish, but the next one may "
                       "hang." % (first_way, o.thread, other_way))
            raise Mistake(
                "both threads take the two locks in the same order, in every transfer", got,
                "Take the two locks in one fixed order that depends only on the accounts, never "
                "on the direction of the transfer or on the balances, e.g. first, second = "
                "sorted((src, dst), key=lambda acc: acc.name), then `with first.lock:` and inside "
                "it `with second.lock:`.", timeline=False)


@check(3, "each transfer holds both accounts' locks at once, and both threads use the same two "
       "locks", "每次转账同时持有两个账户的锁，并且两个线程使用同样的两把锁")
def both_locks_held(run):
    threads = workers(run)
    hint = ("Keep one lock per account, made once in Account.__init__, and in transfer take "
            "both accounts' locks (one inside the other, in a fixed order) around both balance "
            "changes.")
    if not threads:
        raise Mistake(BOTH_HELD, "main started no thread", hint, timeline=False)
    if not run.locks:
        raise Mistake(BOTH_HELD, "your file never created a threading.Lock", hint, timeline=False)
    names = " and ".join(t.name for t in threads)
    used = {t.name: taken_by(run, t) for t in threads}
    taken = set().union(*used.values())
    if not taken:
        raise Mistake(BOTH_HELD, "%s never took any of your locks: the balances changed with no "
                      "lock held" % names, hint, timeline=False)
    writes = {t.name: [w for w in t.stores if w.name == ".balance"] for t in threads}
    by_main = [w for w in run.main_stores if w.name == ".balance" and w.func != "__init__"]
    if by_main and not any(writes.values()):
        w = by_main[0]
        raise Mistake(BOTH_HELD, "the balances were changed by main (%d times at line %d in %s: "
                      "`%s`), while %s only took and released the locks: no transfer happened "
                      "while its locks were held" % (sum(x.count for x in by_main), w.line,
                                                     w.func, w.at.code, names),
                      "Move the balance changes into transfer, inside both with-blocks; main only "
                      "starts and joins the threads.")
    single = [t for t in threads if t.max_held < 2]
    if single:
        t = single[0]
        mine = used[t.name]
        if len(taken) == 1:
            number = next(iter(taken))
            unused = [lock_name(run, l.number) for l in run.locks
                      if l.number != number and not any(l.acquired.values())]
            raise Mistake(
                BOTH_HELD,
                "%s took only %s, one lock for every transfer%s: that is one lock for the whole "
                "bank instead of a lock per account, so every transfer waits for every other "
                "one, even when they touch different accounts" % (
                    names, lock_name(run, number), "; %s never taken" % (
                        " and ".join(unused) + (" was" if len(unused) == 1 else " were"))
                    if unused else ""),
                hint, timeline=False)
        if not mine:
            raise Mistake(BOTH_HELD, "thread %s never took any of your locks: its balance "
                          "changes ran with no lock held" % t.name, hint, timeline=False)
        counts = (" and ".join("lock #%d %d times" % (n + 1, c) for n, c in sorted(mine.items()))
                  + made_note(run, sorted(mine))) if len(mine) <= 3 else locks_taken(run, t)
        raise Mistake(
            BOTH_HELD,
            "thread %s took %s, but it never held two of them at once: it let one lock go "
            "before it took the other, so between taking the money out of one account and "
            "putting it into the other the money was in neither (anyone adding up the balances "
            "then sees a wrong total)" % (t.name, counts),
            "Put the second with-block inside the first, and change both balances inside "
            "both: with first.lock: / with second.lock: / src.balance -= amount; "
            "dst.balance += amount.", timeline=False)
    # Shared locks are counted per lock object (the harness lists the first 50 with
    # each thread's count): under a race two locks made at once can get one number.
    if len(threads) > 1 and len(shared_locks(run, threads)) < 2:
        raise Mistake(
            BOTH_HELD,
            "your file made %d locks, and %s did not take the same two: %s. A lock only keeps "
            "out the threads that take that same lock, so these locks protect nothing" % (
                len(run.locks) + run.locks_unlisted, names,
                "; ".join("%s took %s" % (t.name, locks_taken(run, t))
                          for t in sorted(threads, key=lambda t: t.name))),
            hint, timeline=False)
    for t in threads:
        loose = [w for w in writes[t.name] if len(w.locks) < 2]
        if loose:
            w = loose[0]
            raise Mistake(BOTH_HELD, "%s wrote a balance %d times at line %d in %s (`%s`) holding "
                          "%s of the accounts' locks, so the other thread's transfer can change "
                          "that balance in between" % (
                              t.name, sum(x.count for x in loose), w.line, w.func, w.at.code,
                              "only one" if w.locks else "neither"),
                          "Change both balances inside both with-blocks.")


@check(1, "the two transfer threads run at the same time, each holding the locks for one "
       "transfer at a time", "两个转账线程同时运行，每次只在一笔转账期间持有锁")
def threads_overlap(run):
    # Judged by what the program did, not by how the scheduler ran it: a join
    # between the two starts, or a thread that took the locks once for its whole
    # loop, keeps the threads apart in every run; without either, a run in which
    # one thread happened to finish before the other began is no mistake.
    threads = workers(run)
    if len(threads) != 2:
        raise Mistake("two threads transfer money, one A -> B and one B -> A",
                      "%d threads ran" % len(threads),
                      "Start one thread with worker(a, b, 2) and one with worker(b, a, 1).")
    a, b = in_start_order(run, threads)
    join = joined_before_starting(run, a, b)
    if join:
        raise Mistake("the two threads run at the same time",
                      "%s started only after %s had ended, so they never competed for the locks: "
                      "main called join() on it at %s before starting %s"
                      % (b.name, a.name, where(join.at), b.name),
                      "Start both threads first, then join both.")
    shared = shared_locks(run, threads)
    if not shared:
        return
    once = [t for t in (a, b) if all(l.acquired[t.name] == 1 for l in shared)
            and all(len(w.locks) >= 2 for w in t.stores if w.name == ".balance")]
    if not once:
        return
    first = once[0]
    second = b if first is a else a
    waited = [e for e in run.events_of("lock_wait") if e.thread == second.name
              and e.holder == first.name and e.at]
    raise Mistake("the two threads run at the same time, each taking the locks for one "
                  "transfer at a time",
                  "%s took %s only once, and held %s around its whole loop of transfers%s: the "
                  "two threads took turns, one after the other, instead of transferring at the "
                  "same time" % (
                      first.name, " and ".join(lock_name(run, l.number) for l in shared),
                      "it" if len(shared) == 1 else "them",
                      ", while %s waited at %s" % (second.name, where(waited[0].at))
                      if waited else ""),
                  "Take the locks inside the loop, around one transfer (in transfer()), not "
                  "around the whole loop of 1000 transfers.")


def not_joined(run, thread, line):
    """Why main printed LINE without having waited for THREAD to end."""
    joins = joins_of(run, thread, line.t)
    if joins:
        e = joins[-1]
        return ("main called join(timeout=%s) on %s at %s before printing %s: a join with a "
                "timeout may give up before the thread has ended, and how long 1000 transfers "
                "take depends on the machine%s" % (
                    e.timeout, thread.name, where(e.at), line.text.strip(),
                    "; in this run it did give up, with %s still running" % thread.name
                    if e.alive else ""),
                "Call t.join() without a timeout: it waits as long as the thread runs.")
    later = [e for e in run.events_of("thread_join", pid=run.main_pid)
             if e.name == thread.name and e.at and e.t > line.t]
    naps = [e for e in run.events_of("sleep", pid=run.main_pid)
            if e.thread == "MainThread" and e.t < line.t and e.at]
    return ("main printed %s without joining thread %s first%s%s%s" % (
        line.text.strip(), thread.name,
        " (it joined it only afterwards, at %s)" % later[0].at if later else "",
        "; instead main slept %g s at %s, which only guesses how long the thread needs" % (
            sum(e.secs or 0 for e in naps), ", ".join(sorted({str(e.at) for e in naps})))
        if naps else "",
        "; in this run %s was still running then" % thread.name
        if still_running(line.t, [thread]) else ""),
        "Join both threads before printing: t1.join(); t2.join().")


@check(2, "main joins both threads, then prints A: 9000, B: 11000 and 总额: 20000",
       "main join 两个线程之后，打印 A: 9000、B: 11000 和 总额: 20000")
def sum_conserved(run):
    mine = [l for l in run.lines if l.stream == "stdout" and l.pid == run.main_pid
            and l.thread == "MainThread"]
    found = {}
    for label, pattern in LABELS.items():
        lines = [l for l in mine if pattern.match(l.text)]
        if not lines:
            others = [l for l in run.printed(pattern) if l not in mine]
            raise Mistake(
                "main prints A: %d, B: %d and 总额: %d" % (EXPECTED["A"], EXPECTED["B"], TOTAL),
                "main printed no line `%s: N`%s" % (label, " (%s printed %s)" % (
                    run.who(others[0].pid, others[0].thread), others[0].text.strip())
                    if others else ""),
                "After joining both threads, print(\"A:\", a.balance), print(\"B:\", b.balance) "
                "and print(\"总额:\", a.balance + b.balance) in the main thread.",
                lines=others[:1])
        found[label] = lines[-1]
    value = {k: int(LABELS[k].match(l.text).group(1)) for k, l in found.items()}
    first = min(found.values(), key=lambda l: l.t)
    # Decided by what main did, not by timing: it joined both threads before printing.
    for t in sorted(workers(run), key=lambda t: t.began):
        if not waited_for(run, t, first.t):
            got, hint = not_joined(run, t, first)
            raise Mistake("main prints the balances after joining both threads", got, hint,
                          lines=[first])
    printed = list(found.values())
    if value["总额"] != value["A"] + value["B"]:
        raise Mistake("总额 is the sum of the two balances",
                      "main printed A: %d and B: %d, but 总额: %d (A + B is %d)"
                      % (value["A"], value["B"], value["总额"], value["A"] + value["B"]),
                      "print(\"总额:\", a.balance + b.balance)", lines=printed)
    if value["总额"] != TOTAL:
        raise Mistake(
            "the total stays %d: a transfer moves money, it never makes or loses any" % TOTAL,
            "the total ended as %d: %d %s, because one thread's balance change overwrote the "
            "other's (both read a balance, each wrote back its own result)" % (
                value["总额"], abs(value["总额"] - TOTAL),
                "was lost" if value["总额"] < TOTAL else "appeared from nowhere"),
            "Hold both accounts' locks while you change both balances.", lines=printed)
    if (value["A"], value["B"]) != (EXPECTED["A"], EXPECTED["B"]):
        raise Mistake(
            "A: %d and B: %d: %d transfers of %d from A to B and %d of %d from B to A, "
            "both accounts starting at %d" % (EXPECTED["A"], EXPECTED["B"], TIMES, A_TO_B,
                                               TIMES, B_TO_A, START),
            "main printed A: %d and B: %d: some transfers are missing (not made, not in their "
            "direction, or lost when both threads changed one balance at the same time)"
            % (value["A"], value["B"]),
            "Keep worker(a, b, 2) and worker(b, a, 1), each making 1000 transfers, and make "
            "every transfer (do not skip one when a lock is busy: wait or retry).", lines=printed)
