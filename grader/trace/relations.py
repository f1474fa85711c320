"""Relations between the facts of one run that many checks ask about: did two
things run together, did main wait for one before starting the other, did a
thread sleep after a line, did main print after all the others had ended.

Each is decided from what the program's processes recorded (their calls, in
the program's own seconds), never from how long something took on the clock.
"""
INF = float("inf")


def ran_together(a, b):
    """Whether A and B (anything with `began` and `ended` times: a process, a
    thread, a task) were alive at one moment; one that never ended is alive to
    the end."""
    if a.began is None or b.began is None:
        return False
    a_end = INF if a.ended is None else a.ended
    b_end = INF if b.ended is None else b.ended
    return a.began < b_end and b.began < a_end


def waited_before_starting(run, first, second):
    """The join() on process FIRST (a pid) that the starter of process SECOND
    (a pid) called from the student's file before starting SECOND, or None:
    with it, the two ran one after the other by the program's own order, however
    fast or slow the machine was."""
    start = run.start_of(second)
    if start is None:
        return None
    return next((e for e in run.events_of("proc_join", pid=start.pid)
                 if e.child == first and e.t <= start.t and e.at), None)


def start_of_thread(run, thread):
    """The start() call that started THREAD (a ThreadRun), or None."""
    return next((e for e in run.events_of("thread_start", pid=thread.pid)
                 if e.name == thread.name), None)


def in_start_order(run, threads):
    """THREADS in the order their start() calls were made (a thread whose call was
    not seen, by the time it began)."""
    def key(thread):
        start = start_of_thread(run, thread)
        return start.t if start is not None else (thread.began or INF)
    return sorted(threads, key=key)


def joined_before_starting(run, first, second):
    """The join() from the student's file that waited for thread FIRST to end and
    that the starter of thread SECOND made before starting SECOND, or None: with it
    the two ran one after the other by the program's own order; without it nothing
    in the program kept them apart, whichever way the scheduler went."""
    start = start_of_thread(run, second)
    if start is None:
        return None
    return next((e for e in run.events_of("thread_join", pid=start.pid)
                 if e.name == first.name and e.tid == start.tid and not e.alive
                 and e.t <= start.t and e.at), None)


def joins_of(run, thread, before):
    """Main's join() calls from the student's file on THREAD (a ThreadRun), made
    before time BEFORE."""
    return [e for e in run.events_of("thread_join", pid=run.main_pid)
            if e.name == thread.name and e.thread == "MainThread" and e.at and e.t <= before]


def waited_for(run, thread, before):
    """Whether main joined THREAD before time BEFORE with a join that waits for
    its end: no timeout, or one at least as long as the grader lets the program run."""
    return any(not e.alive and (e.timeout is None or (
        isinstance(e.timeout, (int, float)) and e.timeout >= run.deadline))
        for e in joins_of(run, thread, before))


def sleeps_after(run, line):
    """The sleeps of LINE's thread after LINE and before that thread's next line
    on stdout, whatever it says."""
    later = [l.t for l in run.lines if l.pid == line.pid and l.tid == line.tid
             and l.t > line.t and l.stream == "stdout"]
    until = min(later) if later else INF
    return [e for e in run.events_of("sleep", pid=line.pid)
            if e.tid == line.tid and line.t < e.t < until]


def slept_too_little(sleeps, secs):
    """What a thread did instead of sleeping SECS in SLEEPS (sleep events), as
    'did not sleep' or 'slept only 0.2 s (`time.sleep(0.2)` at line 9)'; None
    when it slept enough, or slept a time the harness could not read."""
    if any(e.secs is None for e in sleeps):
        return None
    slept = sum(e.secs for e in sleeps)
    if slept >= secs:
        return None
    if not sleeps:
        return "did not sleep"
    return "slept only %g s (%s)" % (slept, ", ".join(
        "`%s` at line %d" % (e.at.code, e.at.line) if e.at else "a sleep outside your file"
        for e in sleeps))


def still_running(at, lives):
    """Those of LIVES (processes or threads) that had not ended by time AT."""
    return [x for x in lives if x.ended is None or x.ended > at]


def race_cause(groups, what, everyone):
    """Why the writes of GROUPS ({who: [writes, each with .locks, .count, .line]})
    can interleave, from the locks each write held (counted in every run, raced or
    not): '<who> wrote WHAT N times at line L holding no lock' for the first who
    with such a write, 'no lock was held by EVERYONE when they wrote it' when no
    lock was held by every group, else None."""
    for who, found in sorted(groups.items()):
        bare = [w for w in found if not w.locks]
        if bare:
            return "%s wrote %s %d times at line %d holding no lock" % (
                who, what, sum(w.count for w in bare), bare[0].line)
    if not set.intersection(*[{lock for w in found for lock in w.locks}
                              for found in groups.values()]):
        return "no lock was held by %s when they wrote it" % everyone
    return None
