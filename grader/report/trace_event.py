"""A grading's runs as a standard trace: the Trace Event Format's JSON object
format, which Perfetto (ui.perfetto.dev) and Chrome's chrome://tracing open.

Every run of every graded exercise becomes its own processes (numbered 1, 2, ...
in the file; the real pid is in each process's name, e.g. "05_lock · fork ·
main (pid 4242)"), each thread a lane of its process.  In the program's own
seconds (as the text timeline), microseconds in the file:

  complete events (X)  a process's and a thread's lifetime, a sleep, a hold of
                       a lock (holds that followed each other with no other
                       thread taking it in between are one), a wait for a lock
                       (until it was got), a pool task in its worker
  instant events (i)   a printed line, the event set, a join, a terminate() or
                       kill(), a lock got after a wait, main's code finished
  counters (C)         how many threads held each semaphore
  flows (s, f)         a start, from the starter to the child's first moment;
                       a queue item, from its put to its get
"""
import json

US = 1e6  # microseconds in a second


class _Trace:
    def __init__(self):
        self.events = []
        self.pids = {}  # (run number, real pid) -> pid in the file
        self.tids = {}  # (pid in the file, thread ident, name) -> tid in the file
        self.flows = 0

    def pid(self, n, real, name):
        if (n, real) not in self.pids:
            self.pids[n, real] = len(self.pids) + 1
            self.add("M", "process_name", self.pids[n, real], 0, 0, args={"name": name})
            self.add("M", "process_sort_index", self.pids[n, real], 0, 0,
                     args={"sort_index": self.pids[n, real]})
        return self.pids[n, real]

    def tid(self, pid, ident, name):
        key = (pid, ident, name)  # idents are reused once a thread has ended: names tell them apart
        if key not in self.tids:
            self.tids[key] = 1 + sum(1 for k in self.tids if k[0] == pid)
            self.add("M", "thread_name", pid, self.tids[key], 0, args={"name": name or "?"})
        return self.tids[key]

    def add(self, ph, name, pid, tid, t, cat="run", **fields):
        event = {"name": name, "cat": cat, "ph": ph, "pid": pid, "tid": tid, "ts": round(t * US)}
        event.update(fields)
        self.events.append(event)
        return event


def _place(at):
    return "" if at is None else " (line %d: %s)" % (at.line, at.code) if at.code \
        else " (line %d)" % at.line


def add_run(trace, n, label, run):
    """The events of RUN (a trace.model.Run) as run number N, its processes named LABEL · ..."""
    end = max([0.0] + [x.t for x in run.lines] + [e.t for e in run.events]
              + [p.ended for p in run.procs.values() if p.ended is not None])

    def lane(pid, ident, thread):
        proc = run.procs.get(pid)
        who = "%s (pid %d)" % (proc.label if proc else "process", pid)
        p = trace.pid(n, pid, "%s · %s" % (label, who))
        return p, trace.tid(p, ident, thread or "MainThread")

    main_tid = {}  # real pid -> the ident of its main thread, as its events show
    for e in run.events:
        if e.thread == "MainThread" and e.tid is not None:
            main_tid.setdefault(e.pid, e.tid)

    def main_lane(pid):
        return lane(pid, main_tid.get(pid), "MainThread")

    for proc in run.procs.values():
        began = proc.began if proc.began is not None else 0.0
        p, t = main_lane(proc.pid)
        trace.add("X", "process %s" % proc.label, p, t, began, cat="process",
                  dur=round(((proc.ended if proc.ended is not None else end) - began) * US),
                  args={"pid": proc.pid, "role": proc.role, "exitcode": proc.exitcode,
                        "daemon": proc.daemon, "target": proc.target})
        if proc.starter in run.procs and proc.began is not None:
            start = next((e for e in run.events_of("proc_started", pid=proc.starter)
                          if e.child == proc.pid), None)
            if start is not None:
                trace.flows += 1
                sp, st = lane(start.pid, start.tid, start.thread)
                trace.add("s", "start %s" % proc.label, sp, st, start.t, cat="start",
                          id=trace.flows)
                trace.add("f", "start %s" % proc.label, p, t, proc.began, cat="start",
                          id=trace.flows, bp="e")
    for thread in run.threads:
        p, t = lane(thread.pid, thread.tid, thread.name)
        began = thread.began if thread.began is not None else 0.0
        trace.add("X", "thread %s" % thread.name, p, t, began, cat="thread",
                  dur=round(((thread.ended if thread.ended is not None else end) - began) * US),
                  args={"target": thread.target, "internal": thread.internal})
    for line in run.lines:
        p, t = lane(line.pid, line.tid, line.thread)
        trace.add("i", line.text[:80] if line.stream == "stdout" else "[stderr] " + line.text[:71],
                  p, t, line.t, cat="print" if line.stream == "stdout" else "stderr", s="t",
                  args={"text": line.text, "stream": line.stream})
    for pid, tid, name, lock, hold in run.lock_holds():
        if tid is None:  # a thread that had not ended when main did: by its name
            tid = main_tid.get(pid) if name == "MainThread" else next(
                (x.tid for x in run.threads if x.pid == pid and x.name == name), None)
        p, t = lane(pid, tid, name)
        trace.add("X", "holds lock #%d" % (lock + 1), p, t, hold.first, cat="lock",
                  dur=round(((end if hold.last is None else hold.last) - hold.first) * US),
                  args={"holds": hold.count})
    _add_events(trace, run, lane, end)
    if run.main is not None and run.main.ended is not None:
        p, t = main_lane(run.main_pid)
        trace.add("i", "main's code finished", p, t, run.main.ended, cat="process", s="t")


def _add_events(trace, run, lane, end):
    waits, tasks, puts, held = {}, {}, {}, {}
    for e in run.events:
        p, t = lane(e.pid, e.tid, e.thread)
        if e.ev == "sleep" and e.secs:
            trace.add("X", "sleep(%g)%s" % (e.secs, _place(e.at)), p, t, e.t, cat="sleep",
                      dur=round(e.secs * US))
        elif e.ev == "lock_wait":
            waits[e.pid, e.tid, e.lock] = e
        elif e.ev == "lock_got" and (e.pid, e.tid, e.lock) in waits:
            wait = waits.pop((e.pid, e.tid, e.lock))
            _lock_wait(trace, p, t, wait, e.t)
            trace.add("i", "got lock #%d%s" % (e.lock + 1, _place(e.at)), p, t, e.t,
                      cat="lock", s="t")
        elif e.ev == "event_set":
            trace.add("i", "event set%s" % _place(e.at), p, t, e.t, cat="event", s="p")
        elif e.ev in ("proc_join", "thread_join", "proc_terminate", "proc_kill"):
            whom = "thread %s" % e.name if e.ev == "thread_join" else \
                run.who(e.child) if e.child in run.procs else "pid %s" % e.child
            verb = {"proc_join": "joined", "thread_join": "joined", "proc_terminate":
                    "terminate()", "proc_kill": "kill()"}[e.ev]
            trace.add("i", "%s %s%s" % (verb, whom, _place(e.at)), p, t, e.t, cat="join", s="t")
        elif e.ev in ("sem_acquire", "sem_release"):
            held[e.sem] = held.get(e.sem, 0) + (1 if e.ev == "sem_acquire" else -1)
            trace.add("C", "semaphore %d held" % (list(held).index(e.sem) + 1), p, 0, e.t,
                      cat="semaphore", args={"threads": held[e.sem]})
        elif e.ev == "queue_put":
            trace.flows += 1
            puts.setdefault((e.queue, e.item), []).append(trace.flows)
            trace.add("s", "queue item %s" % e.item, p, t, e.t, cat="queue", id=trace.flows)
        elif e.ev == "queue_get" and puts.get((e.queue, e.item)):
            trace.add("f", "queue item %s" % e.item, p, t, e.t, cat="queue",
                      id=puts[e.queue, e.item].pop(0), bp="e")
        elif e.ev == "pool_task_begin":
            tasks[e.pool, e.task] = e
        elif e.ev == "pool_task_end" and (e.pool, e.task) in tasks:
            begin = tasks.pop((e.pool, e.task))
            trace.add("X", "task %s" % e.fn, p, t, begin.t, cat="pool",
                      dur=round((e.t - begin.t) * US), args={"error": e.error})
    for wait in waits.values():  # never got: until the end of the run
        p, t = lane(wait.pid, wait.tid, wait.thread)
        _lock_wait(trace, p, t, wait, end)


def _lock_wait(trace, p, t, wait, until):
    trace.add("X", "waits for lock #%d%s" % (wait.lock + 1, _place(wait.at)), p, t, wait.t,
              cat="lock", dur=round((until - wait.t) * US),
              args={"holder": wait.holder, "held since": _place(wait.holder_at).strip()})


def trace_event(results):
    """The Trace Event Format JSON of every run of RESULTS (ExerciseResults)."""
    trace = _Trace()
    n = 0
    for r in results:
        for method, run in sorted(r.runs.items()):
            n += 1
            add_run(trace, n, "%s · %s" % (r.exercise.name, run.start_method or method), run)
    return json.dumps({"traceEvents": trace.events, "displayTimeUnit": "ms",
                       "otherData": {"producer": "concurrency-katas grader",
                                     "times": "the program's own seconds"}},
                      ensure_ascii=False, indent=None) + "\n"
