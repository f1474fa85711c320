"""The trace model: what one run of a student's program did, rebuilt from the
facts the harness recorded inside its processes.

Lines are rebuilt per process *and thread* from that thread's own writes, so
output of several processes never tears.  Every time here -- of a line, a
process, a thread, an event -- is in the program's own (nominal) seconds since
main started: the harness's monotonic clock, shared by all processes, with the
grader's sleep scaling undone.  Events are typed (grader/trace/events.py).
"""
import ast
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from grader.trace import events as typed
from grader.harness._katas_harness import schema

READ_LIMIT = 64 * 1024  # bytes of raw stdout/stderr kept for the report


@dataclass
class Line:
    text: str
    t: float
    pid: int
    thread: str
    stream: str = "stdout"
    in_event_loop: bool = False  # written while an asyncio event loop ran in its thread
    tid: int = None  # the writing thread's ident (names can repeat, idents of live threads not)
    task: str = None  # the coroutine of the asyncio task that printed it, if one did


@dataclass
class Proc:
    pid: int
    role: str  # "main", "child" (a multiprocessing.Process), "forked" (os.fork),
    #            "helper" (an interpreter that never ran a Process: fork server,
    #            resource tracker, or a spawn child that died starting up)
    began: float = None
    ended: float = None
    exitcode: int = None
    name: str = None
    target: str = None
    args: list = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)
    daemon: bool = False
    starter: int = None  # pid of the process that created the Process object
    os_ppid: int = None
    start_method: str = None
    run_overridden: bool = False
    cls: str = None
    helper: str = None  # a helper's kind, when main started it: "fork server", "resource tracker"
    lines: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # stderr lines

    @property
    def label(self):
        if self.role == "main":
            return "main"
        if self.role == "helper" and self.helper:
            return self.helper
        return self.target or self.name or "process"

    def describe(self):
        if self.role == "main":
            return "the main process (pid %d)" % self.pid
        if self.role == "helper" and self.helper:
            return "the %s (pid %d) of multiprocessing" % (self.helper, self.pid)
        if self.role == "helper":
            return "a child process (pid %d) while it was starting up" % self.pid
        return "process %s (pid %d)" % (self.label, self.pid)

    def stderr_text(self):
        return "\n".join(l.text for l in self.errors)


@dataclass
class ThreadRun:
    name: str
    pid: int
    began: float = None
    ended: float = None
    target: str = None
    tid: int = None
    locks: dict = field(default_factory=dict)  # {lock number (a str): times it took it}
    holds: dict = field(default_factory=dict)  # {lock number (a str): [events.Hold]}
    stores: list = field(default_factory=list)  # events.Store: its writes to globals and
    #                                            attributes (amplified runs)
    max_held: int = 0  # the most of the file's locks it held at once
    internal: bool = False  # multiprocessing's or a process pool's own thread
    looks: list = field(default_factory=list)  # events.Look: the Events it looked at
    polls: list = field(default_factory=list)  # events.Poll: its questions about threads

    @property
    def unguarded(self):
        """Its writes to globals while holding none of the file's locks."""
        return [w for w in self.stores if not w.locks and not w.name.startswith(".")]


@dataclass(eq=False)
class SemaphoreMade:
    """One threading.Semaphore the student's file made: its id (the harness's,
    reused once the object is gone), process, time, value, place, and its
    acquires and releases (events, in order)."""
    id: int
    pid: int
    t: float
    value: object
    at: object = None
    uses: list = field(default_factory=list)

    def where(self):
        """'made at line 12' ('... in main' outside the module level)."""
        if self.at is None:
            return "made outside your file"
        return "made at line %d%s" % (self.at.line, "" if self.at.func == "<module>"
                                      else " in %s" % self.at.func)


class PoolTask:
    """One task given to an executor: a submit() call, or one chunk of
    executor.map; the process and thread it ran in, when, and its error."""

    def __init__(self, event):
        self.number = event.task
        self.fn = event.fn or "?"
        self.args = event.args or []
        self.items = event.items or 1
        self.submitted = event.t
        self.line = event.at.line if event.at else "?"
        self.began = self.ended = None
        self.pid = self.thread = None
        self.error = None

    def call(self):
        """`count_primes(0, 25000)`; a task of executor.map shows its first call."""
        calls = None
        if len(self.args) == 1:
            try:
                calls = ast.literal_eval(self.args[0])
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                calls = None
        if isinstance(calls, tuple) and calls and len(calls) == self.items and \
                all(isinstance(c, tuple) for c in calls):
            first = "%s(%s)" % (self.fn, ", ".join(repr(a) for a in calls[0]))
            return first if len(calls) == 1 else "%s and %d more calls" % (first, len(calls) - 1)
        return "%s(%s)" % (self.fn, ", ".join(self.args))


class PoolMade:
    """One executor the student's file made (KIND 'process' or 'thread'), with
    its tasks in the order they were given."""

    def __init__(self, event):
        self.id = event.pool
        self.kind = event.kind
        self.max_workers = event.max_workers
        self.t = event.t
        self.line, self.func = (event.at.line, event.at.func) if event.at else (None, None)
        self.tasks = []

    @property
    def cls(self):
        return "ProcessPoolExecutor" if self.kind == "process" else "ThreadPoolExecutor"

    def describe(self):
        where = "" if self.line is None else " made at line %d%s" % (
            self.line, "" if self.func in (None, "<module>") else " in %s" % self.func)
        return "the %s%s" % (self.cls, where)

    def ran(self):
        return [t for t in self.tasks if t.began is not None]

    def worker_pids(self):
        return sorted({t.pid for t in self.ran()})

    def chunks(self, most=4):
        """The tasks' calls, e.g. `count_primes(0, 25000), ..., count_primes(175000, 200000)`."""
        calls = [t.call() for t in self.tasks]
        if len(calls) > most:
            calls = calls[:most - 1] + ["...", calls[-1]]
        return ", ".join(calls)


def _pools(events):
    """The executors of EVENTS, each with its tasks, in the order they were made."""
    found, by_id, tasks = [], {}, {}
    for e in events:
        if e.ev == "pool_made":
            by_id[e.pool] = pool = PoolMade(e)
            found.append(pool)
            continue
        pool = by_id.get(e.pool)
        if pool is None:
            continue
        key = (pool.id, e.task)
        if e.ev == "pool_submit":
            tasks[key] = task = PoolTask(e)
            pool.tasks.append(task)
            continue
        task = tasks.get(key)
        if task is None:
            continue
        if e.ev == "pool_task_begin" and task.began is None:
            task.began, task.pid, task.thread = e.t, e.pid, e.thread
        elif e.ev == "pool_task_end" and task.ended is None:
            task.ended, task.error = e.t, e.error
    return found


class Run:
    """One run of a student's program: processes, threads, lines and events."""

    def __init__(self, file, start_method, scale=1.0):
        self.file = Path(file)
        self.start_method = start_method
        self.scale = scale
        self.missing = False
        self.main_pid = None
        self.keeper_pid, self.keeper_killed = None, False  # the process that started main
        self.exit_code = None
        self.timed_out = False
        self.too_many = None  # live processes when the watchdog stopped the run
        self.deadline = None
        self.elapsed = None
        self.stdout = ""
        self.stderr = ""
        self.stacks = {}
        self.leftovers = []
        self.events = []
        self.procs = {}
        self.threads = []
        self.lines = []
        self.gaps = []  # text_gap events: output a process printed that was not recorded
        self.exit_globals = None
        self.locks = []  # the file's locks (events.LockMade), the first 50 it made
        self.locks_unlisted = 0  # how many more it made
        self.main_looks = []  # the Events main's thread looked at (as ThreadRun.looks)
        self.main_polls = []  # main's thread's questions about threads (as ThreadRun.polls)
        self.main_stores = []  # main's thread's writes to globals (as ThreadRun.stores)
        self.deadlock = None  # the wait-for cycle, when threads deadlocked on the file's locks
        self.semaphores = []  # SemaphoreMade: the file's threading semaphores
        self.pools = []  # PoolMade: the file's executors, with their tasks
        self._main_thread = None
        self.t0 = 0.0  # the harness's clock when main began: times of the run count from it
        self.as_user = None  # the uid the program ran as, if not the grader's own user

    @classmethod
    def missing_file(cls, file, start_method):
        run = cls(file, start_method or "default")
        run.missing = True
        return run

    # -- queries ------------------------------------------------------------
    @property
    def main(self):
        return self.procs.get(self.main_pid)

    def children(self):
        return [p for p in self.procs.values() if p.role in ("child", "forked")]

    def proc(self, pid):
        return self.procs.get(pid)

    def printed(self, what, by=None):
        """Lines on stdout that are WHAT (a string; surrounding spaces ignored) or that
        WHAT matches (a compiled pattern, with .match); BY: only those a thread (a
        ThreadRun) printed."""
        lines = [l for l in self.lines if l.stream == "stdout"
                 and (by is None or (l.pid, l.thread) == (by.pid, by.name))]
        if isinstance(what, str):
            return [l for l in lines if l.text.strip() == what]
        return [l for l in lines if what.match(l.text)]

    def made_by(self, thread, *kinds):
        """The events of KINDS that THREAD (a ThreadRun) made while it ran."""
        return [e for e in self.events_of(*kinds, pid=thread.pid) if e.tid == thread.tid
                and (thread.began is None or thread.began <= e.t)
                and (thread.ended is None or e.t <= thread.ended)]

    def source_line(self, number):
        """Line NUMBER of the student's file, stripped ('' if there is none)."""
        if not hasattr(self, "_source"):
            try:
                self._source = self.file.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                self._source = []
        if not isinstance(number, int) or not 0 < number <= len(self._source):
            return ""
        return self._source[number - 1].strip()

    def with_statement(self, number):
        """(line, code) of the `with` statement that is line NUMBER or whose
        block holds it, or None."""
        self.source_line(number)
        lines = self._source
        if not isinstance(number, int) or not 0 < number <= len(lines):
            return None
        indent = len(lines[number - 1]) - len(lines[number - 1].lstrip())
        for n in range(number, 0, -1):
            text = lines[n - 1]
            depth = len(text) - len(text.lstrip())
            if text.strip() and (n == number or depth < indent):
                if text.strip().startswith(("with ", "async with ")):
                    return n, text.strip()
                indent = depth
        return None

    def start_of(self, pid):
        """The event in which the process PID was started (on the starter's side), or None."""
        return next((e for e in self.events_of("proc_started") if e.child == pid), None)

    @property
    def text_limit_hit(self):
        """Whether some output of the run was not recorded (see unrecorded())."""
        return bool(self.gaps)

    def unrecorded(self):
        """What the run printed that the harness did not record, in a sentence, or ''."""
        if not self.gaps:
            return ""
        return ("the grader records only the beginning and the end of a long output: it did not "
                "record %s" % "; ".join(
                    "%s lines (%s characters) that %s printed on %s from %.2f s on" % (
                        "{:,}".format(g.lines), "{:,}".format(g.chars), self.who(g.pid),
                        g.stream, g.began) for g in self.gaps))

    def events_of(self, *kinds, pid=None):
        unknown = set(kinds) - schema.EVENTS.keys()
        if unknown:  # a misspelt kind would find nothing, and a check would pass on nothing
            raise KeyError("the harness records no event %s" % ", ".join(sorted(unknown)))
        return [e for e in self.events if e.ev in kinds and (pid is None or e.pid == pid)]

    def lock_holds(self):
        """[(pid, tid, thread name, lock number, events.Hold)]: the holds of the
        file's threading locks by threads that ended (their thread_end), by
        main's threads that had not (main's exit; tid None), and, in a run
        stopped at a deadlock, by the threads then (a hold still going on has
        no last time)."""
        found = [(t.pid, t.tid, t.name, int(lock), hold) for t in self.threads
                 for lock, holds in t.holds.items() for hold in holds]
        found += [(self.main_pid, None, name, lock.number, hold) for lock in self.locks
                  for name, holds in lock.holds.items() for hold in holds]
        stuck = self.events_of("deadlock")[:1]
        for e in stuck if not self.locks else ():  # main did not exit: the threads' holds then
            found += [(e.pid, None, name, int(lock), hold) for name, of in (e.holds or {}).items()
                      for lock, holds in of.items() for hold in holds]
            found += [(e.pid, None, hold.thread, hold.lock, hold) for hold in e.holding or ()]
        return sorted(found, key=lambda h: h[4].first)

    def thread_of(self, x):
        """The ThreadRun of the thread that made X (an event or a line), by its
        process, ident and lifetime (the idents of ended threads are reused);
        main's own thread, which has no thread_begin, as main_thread(); None
        for a thread of no record."""
        for t in self.threads:
            if t.pid == x.pid and t.tid == x.tid and (t.began is None or t.began <= x.t) \
                    and (t.ended is None or x.t <= t.ended):
                return t
        if x.thread == "MainThread" and x.pid == self.main_pid:
            return self.main_thread(x.tid)
        return None

    def main_thread(self, tid=None):
        """A ThreadRun for main's own thread (made once)."""
        if self._main_thread is None:
            self._main_thread = ThreadRun("MainThread", self.main_pid, began=float("-inf"),
                                          tid=tid)
        return self._main_thread

    def sem_of(self, event):
        """The SemaphoreMade a sem_acquire or sem_release EVENT used."""
        made = [s for s in self.semaphores if s.id == event.sem and s.pid == event.pid
                and s.t <= event.t]
        return made[-1] if made else None

    def thread(self, name):
        found = [t for t in self.threads if t.name == name]
        return found[0] if found else None

    def nominal(self, t):
        """Nominal seconds since main started of T, a time of the harness's clock."""
        return (t - self.t0) / (self.scale or 1.0)

    def who(self, pid, thread=None):
        proc = self.procs.get(pid)
        text = proc.describe() if proc else "process pid %d" % pid
        if thread and thread != "MainThread":
            text += ", thread %s" % thread
        return text

    def tracebacks(self):
        """(process, text) for each process whose stderr holds a traceback."""
        found = []
        for proc in self.procs.values():
            text = proc.stderr_text()
            if "Traceback (most recent call last)" in text:
                found.append((proc, text))
        return found


def _rebuild_lines(run, writes):
    pending = {}  # (pid, tid, stream) -> (time of the first write, text so far, in a loop, task)
    for e in writes:
        if e.ev == "text_gap":  # a line cut by the gap is not a line the program printed
            for key in [k for k in pending if k[0] == e.pid and k[2] == e.stream]:
                del pending[key]
            continue
        key = (e.pid, e.tid, e.stream)
        parts = str(e.text).split("\n")
        for i, part in enumerate(parts):
            started, buf, in_loop, task = pending.get(key, (e.t, "", e.task is not None, e.task))
            if not buf:
                started, in_loop, task = e.t, e.task is not None, e.task
            buf += part
            if i < len(parts) - 1:
                run.lines.append(Line(buf, started, e.pid, e.thread, e.stream, in_loop, e.tid,
                                      task))
                pending.pop(key, None)
            else:
                pending[key] = (started, buf, in_loop, task)
    for (pid, tid, stream), (started, buf, in_loop, task) in pending.items():
        if buf:
            thread = next((e.thread for e in writes if e.pid == pid and e.tid == tid), None)
            run.lines.append(Line(buf, started, pid, thread, stream, in_loop, tid, task))
    run.lines.sort(key=lambda l: l.t)


def _read_bytes(path, limit=None):
    """The start of the regular file at PATH (b"" if there is none): the run's
    folder is the program's, so a link or a FIFO put there is not followed."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read() if limit is None else f.read(limit)
    finally:
        os.close(fd)


def _unalias(data, aliases):
    """DATA (bytes) with the paths of the run's copies replaced by the student's
    own (ALIASES: {copy: original}), JSON-escaped if JSON."""
    for copy, original in (aliases or {}).items():
        data = data.replace(copy.encode(), json.dumps(original)[1:-1].encode())
    return data


def _read_events(path, aliases=None):
    events = []
    for raw in _read_bytes(path).splitlines():
        try:
            e = json.loads(_unalias(raw, aliases).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(e, dict) and "ev" in e and "pid" in e and "t" in e:
            events.append(e)
    events.sort(key=lambda e: e["t"])
    return events


def _read_text(path, aliases=None):
    data = _unalias(_read_bytes(path, READ_LIMIT + 1), aliases)
    text = data[:READ_LIMIT].decode("utf-8", "replace")
    return text + ("\n[... output cut]" if len(data) > READ_LIMIT else "")


POOL_EVENTS = ("pool_made", "pool_submit", "pool_task_begin", "pool_task_end")
PROC_FIELDS = ("name", "target", "args", "kwargs", "daemon", "starter", "os_ppid",
               "start_method", "run_overridden", "cls")


def read_run(workdir, *, file, main_pid, exit_code, timed_out, deadline, elapsed,
             start_method, scale, leftovers, too_many=None, rundir=None, aliases=None,
             as_user=None, keeper=(None, False)):
    """The Run whose output files are in WORKDIR and whose trace and stack
    dumps are in RUNDIR (the folder the program could write, WORKDIR itself
    unless it ran as another user: AS_USER, its uid); KEEPER: the pid of the
    process that started main and whether it was killed before main ended."""
    workdir = Path(workdir)
    rundir = Path(rundir or workdir)
    run = Run(file, start_method, scale)
    run.as_user = as_user
    run.main_pid = main_pid
    run.keeper_pid, run.keeper_killed = keeper
    run.exit_code = exit_code
    run.timed_out = timed_out
    run.too_many = too_many
    run.deadline = deadline
    run.elapsed = elapsed
    run.leftovers = leftovers
    run.stdout = _read_text(workdir / "stdout", aliases)
    run.stderr = _read_text(workdir / "stderr", aliases)
    for f in rundir.glob("stacks-*.txt"):
        text = _read_text(f, aliases)
        text = text.split("\n\n", 1)[1].strip() if text.startswith("main thread ") else text.strip()
        if text and f.stem.split("-")[1].isdigit():
            run.stacks[int(f.stem.split("-")[1])] = text
    raw = _read_events(rundir / "trace.jsonl", aliases)
    begun = [e["t"] for e in raw if e["ev"] == "interp" and e["pid"] == main_pid]
    run.t0 = begun[0] if begun else (raw[0]["t"] if raw else 0.0)
    reader = typed.Reader(run.source_line, run.nominal)
    run.events = events = [e for e in map(reader.event, raw) if e is not None]

    main = Proc(main_pid, "main")
    run.procs[main_pid] = main
    for e in events:
        pid, kind = e.pid, e.ev
        if kind == "interp" and pid == main_pid:
            main.began = e.t
        elif kind == "interp":
            run.procs.setdefault(pid, Proc(pid, "helper", began=e.t, os_ppid=e.os_ppid))
        elif kind == "proc_begin":
            proc = run.procs.setdefault(pid, Proc(pid, "child"))
            proc.role = "child"
            proc.began = e.t
            for key in PROC_FIELDS:
                setattr(proc, key, getattr(e, key))
        elif kind == "proc_end" and pid in run.procs:
            run.procs[pid].ended = e.t
            run.procs[pid].exitcode = e.exitcode
        elif kind == "forked" and pid not in run.procs:
            run.procs[pid] = Proc(pid, "forked", began=e.t, os_ppid=e.os_ppid)
        elif kind == "proc_join" and e.child in run.procs:
            child = run.procs[e.child]
            if child.exitcode is None and e.exitcode is not None:
                child.exitcode = e.exitcode
            if child.ended is None and e.exitcode is not None:
                child.ended = e.t
        elif kind == "exit" and pid == main_pid:
            main.ended = e.t
            run.exit_globals = e.globals
            run.locks = e.locks or []
            run.main_looks = e.looks or []
            run.main_polls = e.polls or []
            run.main_stores = e.stores or []
        elif kind == "thread_begin":
            run.threads.append(ThreadRun(e.thread, pid, began=e.t, target=e.target,
                                         tid=e.tid, internal=bool(e.internal)))
        elif kind == "thread_end":
            for t in reversed(run.threads):
                if t.tid == e.tid and t.pid == pid and t.ended is None:
                    t.name = e.thread  # a thread may rename itself while it runs
                    t.ended = e.t
                    t.locks = e.locks or {}
                    t.holds = e.holds or {}
                    t.stores = e.stores or []
                    t.max_held = e.max_held or 0
                    t.looks = e.looks or []
                    t.polls = e.polls or []
                    break
        elif kind == "deadlock" and run.deadlock is None:
            run.deadlock = e.cycle or []
        elif kind == "text_gap":
            run.gaps.append(e)
        elif kind == "sem_made":
            run.semaphores.append(SemaphoreMade(e.sem, pid, e.t, e.value, e.at))
        elif kind in ("sem_acquire", "sem_release") and run.sem_of(e) is not None:
            run.sem_of(e).uses.append(e)
    main.exitcode = exit_code
    run.locks_unlisted = reader.unlisted
    for e in events:
        if e.ev == "helper_started" and e.child in run.procs and run.procs[e.child].role == "helper":
            run.procs[e.child].helper = e.kind

    run.pools = _pools(e for e in events if e.ev in POOL_EVENTS)
    _rebuild_lines(run, [e for e in events if e.ev in ("write", "text_gap")])
    for line in run.lines:
        proc = run.procs.get(line.pid)
        if proc is not None:
            (proc.lines if line.stream == "stdout" else proc.errors).append(line)
    return run
