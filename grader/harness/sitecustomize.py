"""The harness: loaded into every process of a student's program.

The runner puts this folder on PYTHONPATH, so Python imports this module at
start-up in the main process, in every spawn child, in the fork server and in
the resource tracker; fork children inherit it.  It does nothing unless
GRADER_TRACE names a trace file.

It records facts as JSON lines, each appended to the trace file with a single
os.write (O_APPEND), so records from many processes never tear:
every write to stdout/stderr (with pid, thread and monotonic time), process
start/bootstrap/join/terminate, thread start/run/join, and what the student's
file does with its locks (acquisitions, waits and who held the lock, lock
order, deadlocks), semaphores, events, multiprocessing queues (puts and gets),
executors (tasks and the worker that ran them) and shared Values (writes and
the multiprocessing locks held), and main's exit with its globals.

It also shapes the run: line-buffered stdout/stderr (as in a terminal),
scaled time.sleep, a chosen default start method (without set_start_method),
an optional race amplifier, and a faulthandler dump on SIGUSR1 for hangs.

Standard library only; runs on Python 3.9 and newer; starts no threads.
"""
import os
import sys

_TRACE = os.environ.get("GRADER_TRACE")


def _install():
    import atexit
    import collections
    import _signal  # signal's own module: `signal` builds enums
    import faulthandler
    import threading
    import time

    fd = os.open(_TRACE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    student = os.path.realpath(os.environ.get("GRADER_STUDENT_FILE", ""))

    def lookup(table, key, default=None):
        """table.get(key, default) without locking TABLE: on a free-threaded
        3.13, dict.get locks the dict, and threads that meet there spin with
        sched_yield() -- on a busy machine each of those waits its turn."""
        return table[key] if key in table else default

    def own(table, make):
        """The calling thread's entry of TABLE (thread ident -> entry), made
        with MAKE the first time: only the thread itself makes its entry."""
        tid = threading.get_ident()
        mine = lookup(table, tid)
        if mine is None:
            mine = table[tid] = make()
        return mine

    student_files = {}  # code file name -> whether it is the student's (realpath is slow)

    def is_student(filename):
        found = lookup(student_files, filename)
        if found is None:
            found = student_files[filename] = bool(filename) and os.path.realpath(filename) == student
        return found
    scale = float(os.environ.get("GRADER_TIME_SCALE", "1"))
    budget = int(os.environ.get("GRADER_TEXT_LIMIT", "1000000"))
    text_budget = {"stdout": budget, "stderr": budget}  # stderr keeps its own for tracebacks
    monotonic = time.monotonic
    import resource
    for var, kind in (("GRADER_OUTPUT_LIMIT", resource.RLIMIT_FSIZE),
                      ("GRADER_MEMORY_LIMIT", resource.RLIMIT_AS)):
        limit = int(os.environ.get(var, "0"))
        if limit:
            try:
                resource.setrlimit(kind, (limit, limit))
            except (ValueError, OSError):
                pass
    real_sleep = time.sleep

    to_json = json_encoder()

    def emit(ev, **fields):
        tid = threading.get_ident()
        thread = lookup(threading._active, tid)  # current_thread() would invent a dummy
        rec = {"ev": ev, "t": monotonic(), "pid": os.getpid(),
               "thread": thread.name if thread else None, "tid": tid}
        rec.update(fields)
        try:
            os.write(fd, (to_json(rec) + "\n").encode("utf-8"))
        except OSError:
            pass

    def recording(what, record):
        """RECORD() (which gathers facts and emits them), or, if it fails, a
        record that the grader's own recording failed: the checks then judge
        nothing rather than a run with facts missing."""
        try:
            record()
        except Exception as e:
            emit("harness_error", what=what, error="%s: %s" % (type(e).__name__, str(e)[:200]))

    global _emit, _real_sleep
    _emit, _real_sleep = emit, real_sleep  # for PoolTask, which lives at module level

    def where(frame=None):
        """'line N in func' of the innermost frame of the student's file."""
        f = frame or sys._getframe(2)
        while f is not None:
            if is_student(f.f_code.co_filename):
                return {"line": f.f_lineno, "func": f.f_code.co_name}
            f = f.f_back
        return None

    def caller_in_student():
        """'line N in func' of the caller's caller, if that is the student's file
        (calls that multiprocessing makes on the student's behalf don't count)."""
        f = sys._getframe(2)
        if is_student(f.f_code.co_filename):
            return {"line": f.f_lineno, "func": f.f_code.co_name}
        return None

    def called_from_student(*packages):
        """'line N in func' of the nearest caller outside PACKAGES (modules such as
        multiprocessing), if that is the student's file: multiprocessing.Queue()
        reaches Queue.__init__ through the context, put_nowait through put."""
        f = sys._getframe(2)
        while f is not None and any(("/%s/" % p) in f.f_code.co_filename for p in packages):
            f = f.f_back
        if f is not None and is_student(f.f_code.co_filename):
            return {"line": f.f_lineno, "func": f.f_code.co_name}
        return None

    def name_of(fn):
        if fn is None:
            return None
        while hasattr(fn, "func") and type(fn).__name__ == "partial":  # functools.partial(work, 2)
            fn = fn.func
        return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)

    def short(value):
        text = repr(value)
        return text if len(text) <= 200 else text[:197] + "..."

    # -- output -------------------------------------------------------------
    def coroutine_of_write():
        """{'task': name of the coroutine of the asyncio task printing} when an
        event loop runs in this thread (None: the loop itself, outside a task)."""
        asyncio = sys.modules.get("asyncio")
        if asyncio is None or asyncio.events._get_running_loop() is None:
            return {}
        task = asyncio.current_task()
        coro = task.get_coro() if task is not None else None
        return {"task": getattr(coro, "__qualname__", None) or repr(coro) if coro else None}

    # What a process printed is recorded up to BUDGET characters per stream
    # from its start, and after that its last TAIL characters in whole lines
    # (the end of a run matters as much as its start); what lies between is
    # reported as a gap, so a check can say it was not recorded.
    tail_budget = max(1, budget // 5)
    tails = {"stdout": collections.deque(), "stderr": collections.deque()}  # (time, tid, thread, line)
    tail_size = {"stdout": 0, "stderr": 0}
    partial = {}  # (stream, tid) -> [time of its first write, text of the line so far]
    gaps = {}  # stream -> [time the budget ran out, characters not recorded, lines not recorded]

    open_lines = set()  # (stream, tid) whose last recorded write did not end its line

    def keep_tail(name, text):
        tid, now = threading.get_ident(), monotonic()
        thread = lookup(threading._active, tid)
        gap = gaps.setdefault(name, [now, 0, 0])
        started, buf = lookup(partial, (name, tid)) or (now, "")
        if buf == "":  # a line begins with this write
            started = now
        if buf is None:  # the rest of a line whose start was recorded: not kept
            cut = text.find("\n")
            gap[1] += len(text) if cut < 0 else cut + 1
            if cut < 0:
                return
            gap[2] += 1
            started, text, buf = now, text[cut + 1:], ""
        *done, rest = (buf + text).split("\n")
        tail = tails[name]
        for line in done:
            tail.append((started, tid, thread.name if thread else None, line + "\n"))
            tail_size[name] += len(line) + 1
            started = now
        partial[(name, tid)] = (started if rest else now, rest)
        while tail_size[name] > tail_budget and len(tail) > 1:
            dropped = tail.popleft()[3]
            tail_size[name] -= len(dropped)
            gap[1] += len(dropped)
            gap[2] += 1

    def flush_tails():
        """Record the kept ends of the output, after a gap record (once per process end)."""
        for (name, tid), (started, rest) in list(partial.items()):
            if rest:  # neither None (a cut line) nor empty
                thread = lookup(threading._active, tid)
                tails[name].append((started, tid, thread.name if thread else None, rest))
        partial.clear()
        def record(rec):
            try:
                os.write(fd, (to_json(rec) + "\n").encode("utf-8"))
            except OSError:
                pass

        me = threading.get_ident()
        for name, (began, chars, lines) in list(gaps.items()):
            record({"ev": "text_gap", "t": began, "pid": os.getpid(), "thread": None, "tid": me,
                    "stream": name, "began": began, "chars": chars, "lines": lines})
            for started, tid, thread, text in tails[name]:
                record({"ev": "write", "t": started, "pid": os.getpid(), "thread": thread,
                        "tid": tid, "stream": name, "text": text})
            tails[name].clear()
            tail_size[name] = 0
        gaps.clear()

    class TracedStream:
        """Passes writes through to the real stream and records each one."""

        def __init__(self, stream, name):
            self._stream = stream
            self._name = name

        def write(self, text):
            name = self._name
            if isinstance(text, str) and text_budget[name] > 0:
                left = text_budget[name] - 100  # about a record's own size
                text_budget[name] -= len(text) + 100
                head = text if text_budget[name] > 0 else text[:max(0, left)]
                if head:
                    emit("write", stream=name, text=head, **coroutine_of_write())
                    key = (name, threading.get_ident())
                    if head.endswith("\n"):
                        open_lines.discard(key)
                    else:
                        open_lines.add(key)
                if text_budget[name] <= 0:  # from here on only the tail is kept
                    gaps[name] = [monotonic(), 0, 0]
                    for key in open_lines:
                        if key[0] == name:
                            partial[key] = (0, None)
                    if len(head) < len(text):
                        keep_tail(name, text[len(head):])
            elif isinstance(text, str):
                keep_tail(name, text)
            return self._stream.write(text)

        def writelines(self, lines):
            for line in lines:
                self.write(line)

        def __getattr__(self, attr):
            return getattr(self._stream, attr)

        def __iter__(self):
            return iter(self._stream)

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            continue
        try:
            stream.reconfigure(line_buffering=True)
        except (AttributeError, ValueError):
            pass
        traced = TracedStream(stream, name)
        setattr(sys, name, traced)
        if getattr(sys, "__%s__" % name) is stream:
            setattr(sys, "__%s__" % name, traced)

    # -- time ---------------------------------------------------------------
    # Sleeps are scaled, but starting a process is not (a spawn child needs
    # about 0.1-0.2 s to begin, more under load).  So that start-up stays off
    # the program's clock, a sleep first waits until the processes this process
    # has started are running (each marks that it has begun with a file).
    workdir = os.environ.get("GRADER_STACKS")
    starting = []  # Process objects started here that may not have begun yet

    def begun_mark(pid):
        return os.path.join(workdir, BEGUN % pid)

    def wait_for_starting():
        while starting:
            proc = starting.pop()
            end = monotonic() + 10
            try:
                while (not os.path.exists(begun_mark(proc.pid)) and proc._popen is not None
                       and proc._popen.poll() is None and monotonic() < end):
                    real_sleep(0.002)
            except Exception:
                pass

    def scaled(secs):
        """SECS of the program's own time as the grader runs it (sleeps and
        timeouts, which are sleeps that may end early, run faster alike)."""
        if isinstance(secs, (int, float)) and not isinstance(secs, bool):
            return secs * scale
        return secs

    def number(secs):
        return secs if isinstance(secs, (int, float)) and not isinstance(secs, bool) else None

    def sleep(secs):
        if workdir:
            wait_for_starting()
        at = caller_in_student()
        if at:
            emit("sleep", secs=number(secs), at=at)
        asyncio = sys.modules.get("asyncio")
        if asyncio is not None and asyncio.events._get_running_loop() is not None:
            # time.sleep inside a coroutine blocks the whole event loop
            emit("blocking_sleep", secs=number(secs), at=where())
        return real_sleep(scaled(secs))

    # It stands for time.sleep in the student's world: pickled by reference as
    # time.sleep (a program may hand it to a pool or a process), and named so
    # in stacks and reprs.
    sleep.__module__, sleep.__qualname__, sleep.__doc__ = "time", "sleep", real_sleep.__doc__
    time.sleep = sleep

    def scale_asyncio_sleep():
        """asyncio.sleep runs faster too (only for a student's file that uses asyncio)."""
        import asyncio
        import asyncio.tasks
        orig = asyncio.tasks.sleep

        async def sleep(delay, result=None):
            at = caller_in_student()
            if at:
                emit("sleep", secs=number(delay), at=at, asyncio=True)
            return await orig(scaled(delay), result)

        asyncio.sleep = asyncio.tasks.sleep = sleep

    try:
        with open(student, "rb") as f:
            source = f.read(200000)
    except OSError:
        source = b""

    def mentions(*words):
        """Whether the student's file names one of WORDS: modules it needs are
        patched only then (importing them costs every process of every run, and
        on a free-threaded 3.13 each module and class costs dozens of
        sched_yield() calls: a busy machine makes each one wait its turn)."""
        return any(word.encode() in source for word in words)

    processes = mentions("multiprocessing", "concurrent")
    if processes:
        import multiprocessing
        import multiprocessing.context
        import multiprocessing.process
        import multiprocessing.util  # registers its atexit hook now, so ours runs first

    if mentions("asyncio") and scale != 1:
        scale_asyncio_sleep()

    # -- start method (the default only: the student may still set one) ------
    method = os.environ.get("GRADER_START_METHOD")
    if method and processes:
        ctx = multiprocessing.context
        ctx._default_context._default_context = ctx._concrete_contexts[method]

    # -- containment: a budget of processes for the whole run -----------------
    # Root is not held back by RLIMIT_NPROC, so every fork of every process of
    # the run appends one byte to a shared file; past the budget a fork fails
    # as it would at the system's limit (EAGAIN).  The runner's watchdog stops
    # whatever gets past this (a fork from C code, os.system).
    forks_path = os.environ.get("GRADER_FORKS")
    max_procs = int(os.environ.get("GRADER_MAX_PROCS", "0"))

    def take_fork_budget():
        if not (forks_path and max_procs):
            return
        try:
            ffd = os.open(forks_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(ffd, b".")
                used = os.fstat(ffd).st_size
            finally:
                os.close(ffd)
        except OSError:
            return
        if used > max_procs:
            emit("fork_refused", limit=max_procs, at=where(sys._getframe(2)))
            import errno
            raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable: the grader "
                                  "lets a program start at most %d processes" % max_procs)

    orig_fork = os.fork

    def fork():
        # The fork server forks for a process that asked it to and has paid
        # already (below): refused there, the fork server would die and every
        # later start() of the run would hang waiting for it.  A file that
        # hides its import of multiprocessing paid nothing, so it pays here.
        if not (processes and sys._getframe(1).f_code.co_filename.endswith(
                os.path.join("multiprocessing", "forkserver.py"))):
            take_fork_budget()
        return orig_fork()

    os.fork = fork

    def budget_forkserver():
        server_popen = multiprocessing.context.ForkServerProcess._Popen

        def forkserver_popen(process_obj):
            take_fork_budget()
            return server_popen(process_obj)

        multiprocessing.context.ForkServerProcess._Popen = staticmethod(forkserver_popen)

    if processes:
        budget_forkserver()
    try:
        import _posixsubprocess
        orig_fork_exec = _posixsubprocess.fork_exec

        def fork_exec(*args, **kwargs):
            take_fork_budget()
            return orig_fork_exec(*args, **kwargs)

        _posixsubprocess.fork_exec = fork_exec
    except (ImportError, AttributeError):
        pass

    # -- how processes end and signal each other (calls from the student's file)
    orig_os_exit = os._exit
    orig_sys_exit = sys.exit
    orig_os_kill = os.kill

    def os_exit(code):
        at = caller_in_student()
        if at:
            emit("os_exit", code=code, at=at)
        orig_os_exit(code)

    def sys_exit(code=None):
        at = caller_in_student()
        if at:
            emit("sys_exit", code=short(code), at=at)
        orig_sys_exit(code)

    # Main's parent is the run's keeper, the grader's: a signal to it
    # (os.kill(os.getppid(), ...) in main, an honest mix-up of parent and
    # child), to the grader, to the grader's process group, or to every process
    # (-1) is refused, so a run can never end its own grading.
    grader_pid = int(os.environ.get("GRADER_PID", "0"))
    keeper_pid = int(os.environ.get("GRADER_KEEPER", "0"))
    try:
        grader_group = os.getpgid(grader_pid) if grader_pid else 0
    except OSError:
        grader_group = 0
    orig_killpg = os.killpg

    def refuse(target, sig, at):
        emit("kill_refused", target=target, sig=int(sig), at=at or where())
        import errno
        raise PermissionError(errno.EPERM, "Operation not permitted: process %s is the grader, "
                                           "not part of your program" % target)

    def kill(pid, sig):
        at = caller_in_student()
        if grader_pid and (pid in (grader_pid, keeper_pid, -1)
                           or (grader_group and pid == -grader_group)):
            refuse(pid, sig, at)
        if at:
            emit("kill_sent", target=pid, sig=int(sig), at=at)
        return orig_os_kill(pid, sig)

    def killpg(pgid, sig):
        at = caller_in_student()
        if grader_group and pgid == grader_group:
            refuse(-pgid, sig, at)
        if at:
            emit("kill_sent", target=-pgid if pgid else 0, sig=int(sig), at=at)
        return orig_killpg(pgid, sig)

    # A command the file runs (a shell's `kill -9 PID` gets past os.kill) is
    # recorded with its line, so a report can name it.
    def recording_command(module, name, text_of=None):
        """MODULE.NAME recording each call from the file; it pickles by its
        name, as the original does."""
        orig = getattr(module, name)

        def wrapper(*args, **kwargs):
            at = caller_in_student()
            if at:
                try:
                    text = (text_of or command_text)(*args, **kwargs)
                except Exception:
                    text = "?"
                emit("command", text=text[:300], at=at)
            return orig(*args, **kwargs)
        wrapper.__module__, wrapper.__qualname__, wrapper.__name__ = (
            module.__name__ if type(module) is type(os) else orig.__module__,
            getattr(orig, "__qualname__", name), name)
        wrapper.__doc__ = orig.__doc__
        setattr(module, name, wrapper)

    def command_text(*args, **kwargs):
        cmd = kwargs.get("args", args[0] if args else "?")
        if isinstance(cmd, bytes):
            cmd = cmd.decode("utf-8", "replace")
        return cmd if isinstance(cmd, str) else " ".join(str(a) for a in cmd)

    recording_command(os, "system")
    recording_command(os, "popen")
    if mentions("subprocess"):
        import subprocess
        for name in ("run", "call", "check_call", "check_output", "getoutput",
                     "getstatusoutput"):
            recording_command(subprocess, name)
        recording_command(subprocess.Popen, "__init__", lambda self, *a, **k: command_text(*a, **k))

    os._exit = os_exit
    sys.exit = sys_exit
    os.kill = kill
    os.killpg = killpg

    def trace_signal_handlers():
        import signal
        orig_signal = signal.signal

        def set_signal(signum, handler):
            at = caller_in_student()
            if at:
                how = {signal.SIG_IGN: "SIG_IGN", signal.SIG_DFL: "SIG_DFL"}.get(handler, None)
                emit("signal_set", signum=int(signum), handler=how or name_of(handler), at=at)
            return orig_signal(signum, handler)

        signal.signal = set_signal

    if mentions("signal"):
        trace_signal_handlers()

    # -- processes ----------------------------------------------------------
    def trace_processes():
        BaseProcess = multiprocessing.process.BaseProcess
        orig_start = BaseProcess.start
        orig_bootstrap = BaseProcess._bootstrap
        orig_join = BaseProcess.join
        orig_run = BaseProcess.run
        orig_terminate = BaseProcess.terminate
        orig_kill = getattr(BaseProcess, "kill", None)

        def process_facts(proc):
            return {"name": proc.name, "target": name_of(proc._target),
                    "args": [short(a) for a in proc._args],
                    "kwargs": {k: short(v) for k, v in proc._kwargs.items()},
                    "daemon": bool(proc._config.get("daemon")),
                    "cls": type(proc).__name__,
                    "run_overridden": type(proc).run is not BaseProcess.run}

        def start(self):
            facts = process_facts(self)
            at = where()
            try:
                orig_start(self)
            except BaseException as exc:
                emit("proc_start_failed", error="%s: %s" % (type(exc).__name__, exc), at=at, **facts)
                raise
            emit("proc_started", child=self.pid, at=at, **facts)
            if workdir:
                starting.append(self)

        def bootstrap(self, *args, **kwargs):
            self._grader_in_child = True
            del starting[:]  # a fork child inherits its parent's list
            emit("proc_begin", starter=self._parent_pid, os_ppid=os.getppid(),
                 start_method=multiprocessing.context._default_context.get_start_method(allow_none=True),
                 **process_facts(self))
            if workdir:  # after the record: a parent that waited for it sees it has begun
                try:
                    os.close(os.open(begun_mark(os.getpid()), os.O_WRONLY | os.O_CREAT, 0o640))
                except OSError:
                    pass
            code = orig_bootstrap(self, *args, **kwargs)
            flush_tails()
            recording("while a process ended", emit_value_writes)
            emit("proc_end", exitcode=code)
            return code

        def run(self):
            if not getattr(self, "_grader_in_child", False):
                emit("proc_run_direct", at=where(), **process_facts(self))
            return orig_run(self)

        def join(self, timeout=None):
            began = monotonic()
            result = orig_join(self, timeout)
            emit("proc_join", child=self.pid, began=began, exitcode=self.exitcode,
                 at=where(), timeout=timeout)
            return result

        def terminate(self):
            emit("proc_terminate", child=self.pid, at=where())
            return orig_terminate(self)

        def kill(self):
            emit("proc_kill", child=self.pid, at=where())
            return orig_kill(self)

        BaseProcess.start = start
        BaseProcess._bootstrap = bootstrap
        BaseProcess.join = join
        BaseProcess.run = run
        BaseProcess.terminate = terminate
        if orig_kill is not None:
            BaseProcess.kill = kill

    if processes:
        trace_processes()

    # -- threads ------------------------------------------------------------
    Thread = threading.Thread
    orig_tstart = Thread.start
    orig_inner = Thread._bootstrap_inner
    orig_tjoin = Thread.join
    orig_trun = Thread.run

    def thread_start(self):
        emit("thread_start", name=self.name, target=name_of(getattr(self, "_target", None)),
             cls=type(self).__name__, daemon=self.daemon, at=where())
        return orig_tstart(self)

    def internal(thread):
        """Whether a thread is multiprocessing's or a process pool's own (a queue's
        feeder, an executor's manager): the timeline leaves those out."""
        code = getattr(getattr(thread, "_target", None) or type(thread).run, "__code__", None)
        where_from = code.co_filename if code else ""
        return "/multiprocessing/" in where_from or where_from.endswith(
            os.path.join("concurrent", "futures", "process.py"))

    def bootstrap_inner(self):
        held.pop(threading.get_ident(), None)  # an ended thread's ident may be reused
        emit("thread_begin", thread=self.name, target=name_of(getattr(self, "_target", None)),
             internal=internal(self))
        try:
            return orig_inner(self)
        finally:
            tid = threading.get_ident()
            recording("while thread %s ended" % self.name, lambda: emit(
                "thread_end", thread=self.name, locks=lock_counts_of(self.name),
                max_held=most_held.pop(tid, 0), stores=stores_of_thread(tid),
                looks=looks_of(tid), polls=polls_of(tid)))

    def thread_run(self):
        if not self._started.is_set():
            emit("thread_run_direct", name=self.name, at=where(),
                 target=name_of(getattr(self, "_target", None)))
        return orig_trun(self)

    def thread_join(self, timeout=None):
        began = monotonic()
        result = orig_tjoin(self, timeout)
        emit("thread_join", name=self.name, began=began, alive=self.is_alive(), at=where(),
             timeout=timeout)
        return result

    Thread.start = thread_start
    Thread._bootstrap_inner = bootstrap_inner
    Thread.join = thread_join
    Thread.run = thread_run

    # -- locks made by the student's file ------------------------------------
    # Each lock knows who holds it and each thread which locks it holds and
    # which one it waits for: so the harness records lock order (a thread taking
    # B while it holds A) and sees a deadlock the moment the wait-for graph
    # closes a cycle -- then it tells the runner, which stops the run at once.
    unguarded = {}  # thread ident -> {(global or .attribute, func, line, locks held): writes}

    def stores_of_thread(tid):
        return [{"name": k[0], "func": k[1], "line": k[2], "locks": list(k[3]), "count": n}
                for k, n in unguarded.pop(tid, {}).items()]
    allocate = threading._allocate_lock
    locks = []
    held = {}  # thread ident -> the student's locks it holds now, in the order taken
    waiting = {}  # thread ident -> (the lock it waits for, blocking with no timeout; where)
    orders = set()  # (thread ident, first, then) already recorded
    most_held = {}  # thread ident -> the most locks it held at once

    # Who waits for which lock changes only under `registry`, and the wait-for
    # cycle is walked under it.  A lock's owner is one attribute, set by the
    # thread that got the lock and cleared by it before it lets go, so taking and
    # releasing one's own lock never waits for the registry (without a GIL two
    # threads would queue for it at every step).  A thread that waits with no
    # timeout stays in `waiting` until it can take the registry again, so while
    # the detector holds it, none of the waiting threads can let go of a lock:
    # a cycle found among them holds at the moment it is seen.  A thread that
    # releases a lock another thread owns (Lock allows it) takes the registry.
    registry = allocate()
    detector_pause = float(os.environ.get("GRADER_DETECTOR_PAUSE") or 0)  # self-test only

    def thread_name(tid):
        thread = lookup(threading._active, tid)
        return thread.name if thread else None

    def wait_cycle(tid):
        """The wait-for cycle through thread TID, or None (call it holding
        `registry`).  A lock owned by a thread that has ended ends the walk too:
        nobody can release that lock any more (a thread that is not waiting may
        let go of its lock while the walk reads it, so the walk reads the owner
        again once the thread has ended)."""
        cycle, seen = [], set()
        me = threading.current_thread()
        while tid in waiting and tid not in seen:
            seen.add(tid)
            lock, at = waiting[tid]
            owner = lock.owner
            if detector_pause:
                real_sleep(detector_pause)
            if owner is None:
                return None
            owner_tid, owner_name, owner_at, owner_thread = owner
            cycle.append({"thread": thread_name(tid), "waits_for": lock.number, "lock_at": lock.at,
                          "at": at, "holder": owner_name, "holder_at": owner_at})
            if owner_thread is me:
                return cycle
            if not owner_thread.is_alive():
                if lock.owner is not owner:  # it let go of the lock before it ended
                    return None
                cycle[-1]["holder_ended"] = True
                return cycle
            tid = owner_tid
        return None

    def report_deadlock(cycle):
        emit("deadlock", cycle=cycle)
        if workdir:
            try:
                os.close(os.open(os.path.join(workdir, "deadlock"), os.O_WRONLY | os.O_CREAT, 0o640))
            except OSError:
                pass

    free_threaded = not getattr(sys, "_is_gil_enabled", lambda: True)()

    def take(lock, forever, timeout):
        """lock.acquire(True, timeout), waiting as a thread of the program would.
        Without a GIL a blocked acquire first calls sched_yield() up to 40
        times, and on a busy machine each call gives a whole time slice away to
        other programs (a traced lock is held a little longer, so it is met
        more often): there the wait polls, sleeping a little longer each time."""
        if not free_threaded:
            return lock.acquire(True, -1 if forever else timeout)
        end, pause = None if forever else monotonic() + timeout, 1e-5
        while not lock.acquire(False):
            left = None if end is None else end - monotonic()
            if left is not None and left <= 0:
                return False
            real_sleep(pause if left is None else min(pause, left))
            pause = min(pause * 2, 1e-3)
        return True

    class TracedLock:
        """A threading.Lock that knows its owner (ident, name, where it took the
        lock, thread) and counts, per thread, the acquisitions (with the first and
        the last time) and the acquires that gave up (blocking=False or a timeout)."""

        def __init__(self, at):
            self._lock = allocate()
            self.at = at
            self.creator = threading.current_thread().name
            self.acquired = {}
            self.times = {}  # thread name -> [first, last] time it got the lock
            self.refused = {}  # thread name -> acquires that returned False
            self.owner = None
            # Listed only when whole: an ending thread counts its acquisitions
            # in every lock of the list while other threads still make locks.
            with registry:  # two threads making locks at once get two numbers
                self.number = len(locks)
                locks.append(self)

        def acquire(self, blocking=True, timeout=-1):
            got = self._lock.acquire(False)
            if not got and blocking:
                got = self.wait(timeout is None or timeout < 0, timeout)
            if got:
                self.took(blocking and (timeout is None or timeout < 0))
            else:
                name = threading.current_thread().name
                with registry:
                    self.refused[name] = self.refused.get(name, 0) + 1
            return got

        def wait(self, forever, timeout):
            tid, at, owner = threading.get_ident(), where(), self.owner
            emit("lock_wait", lock=self.number, lock_at=self.at,
                 holder=owner and owner[1], holder_at=owner and owner[2], at=at,
                 timeout=None if forever else timeout)
            if forever:
                with registry:
                    waiting[tid] = (self, at)
                    cycle = wait_cycle(tid)
                if cycle:
                    report_deadlock(cycle)
            try:
                got = take(self._lock, forever, timeout)
            finally:
                if forever:
                    with registry:
                        del waiting[tid]
            if got:
                emit("lock_got", lock=self.number, at=at)
            return got

        def took(self, forever):
            thread = threading.current_thread()
            tid, name, now, at = thread.ident, thread.name, monotonic(), where()
            self.acquired[name] = self.acquired.get(name, 0) + 1  # under the lock itself
            self.times.setdefault(name, [now, now])[1] = now
            self.owner = (tid, name, at, thread)
            mine = own(held, list)
            earlier = list(mine)
            mine.append(self)
            if len(mine) > lookup(most_held, tid, 0):
                most_held[tid] = len(mine)
            for first in earlier:
                if forever and (tid, first.number, self.number) not in orders:
                    orders.add((tid, first.number, self.number))
                    emit("lock_order", first=first.number, then=self.number,
                         first_at=first.owner and first.owner[2], then_at=at)

        def __enter__(self):
            return self.acquire()

        def release(self):
            owner = self.owner
            if owner is not None and owner[0] == threading.get_ident():
                self.let_go(owner)
            else:
                with registry:  # another thread's lock, or none's
                    self.let_go(self.owner)

        def let_go(self, owner):
            self.owner = None
            mine = lookup(held, owner[0], ()) if owner else ()
            if self in mine:
                mine.remove(self)
            try:
                self._lock.release()
            except BaseException:  # releasing an unlocked lock: nothing changed
                self.owner = owner
                if owner is not None:
                    held.setdefault(owner[0], []).append(self)
                raise

        def __exit__(self, *exc):
            self.release()

        def locked(self):
            return self._lock.locked()

        def _is_owned(self):  # threading.Condition(lock) asks, instead of acquiring to see
            owner = self.owner
            return self._lock.locked() and owner is not None and owner[0] == threading.get_ident()

        def _at_fork_reinit(self):
            self._lock._at_fork_reinit()
            self.owner = None

        def __repr__(self):
            return "<%s lock created at line %s>" % (
                "locked" if self.locked() else "unlocked", self.at and self.at["line"])

    def make_lock(caller=None):
        # Only locks the student's own code asks for (not Event's or Thread's),
        # also through code Python generates for it (a dataclass field with
        # default_factory=threading.Lock makes it in a generated __init__).
        caller = caller or sys._getframe(1)
        while caller is not None and caller.f_code.co_filename.startswith("<"):
            caller = caller.f_back
        if caller is None or not is_student(caller.f_code.co_filename):
            return allocate()
        return TracedLock({"line": caller.f_lineno, "func": caller.f_code.co_name})

    def all_locks():
        with registry:
            return list(locks)

    def lock_counts_of(name):  # of a thread that is ending: no longer current_thread()
        return {str(lock.number): lock.acquired[name] for lock in all_locks()
                if name in lock.acquired}

    def lock_facts():
        made = all_locks()
        return [{"number": l.number, "at": l.at, "creator": l.creator, "acquired": l.acquired,
                 "times": l.times, "refused": l.refused}
                for l in made[:50]] + ([{"more": len(made) - 50}] if len(made) > 50 else [])

    if isinstance(threading.Lock, type):  # a class from 3.13 on: isinstance() works with it
        lock_type = threading.Lock

        class LockClass(type):
            def __call__(cls):
                return make_lock(sys._getframe(1))

            def __instancecheck__(cls, obj):
                return isinstance(obj, (TracedLock, lock_type))

            def __subclasscheck__(cls, sub):
                return issubclass(sub, (TracedLock, lock_type))

        threading.Lock = LockClass(lock_type.__name__, (), {
            "__module__": lock_type.__module__, "__qualname__": lock_type.__qualname__,
            "__doc__": lock_type.__doc__})
    else:  # a function before 3.13
        make_lock.__name__ = make_lock.__qualname__ = threading.Lock.__name__
        threading.Lock = make_lock

    # -- semaphores and events made by the student's file ----------------------
    harness_file = sys._getframe().f_code.co_filename
    orig_semaphore, orig_bounded = threading.Semaphore, threading.BoundedSemaphore

    def made_in_student():
        """'line N in func' of the code that made the object being initialised, if
        that is the student's file: the nearest frame outside the harness (a
        subclass of the student's counts; ThreadPoolExecutor's own does not)."""
        f = sys._getframe(2)
        while f is not None and f.f_code.co_filename == harness_file:
            f = f.f_back
        if f is not None and is_student(f.f_code.co_filename):
            return {"line": f.f_lineno, "func": f.f_code.co_name}
        return None

    class Semaphore(orig_semaphore):
        """threading.Semaphore, still a class the student may subclass: one that
        the student's file made records each acquire (once got) and release,
        with the thread."""

        def __init__(self, value=1):
            self._grader_at = made_in_student()
            orig_semaphore.__init__(self, value)  # not super(): 3.9's Bounded one calls Semaphore
            if self._grader_at:
                emit("sem_made", sem=id(self), value=value, at=self._grader_at)

        def acquire(self, blocking=True, timeout=None):
            got = waited = False
            if self._grader_at and blocking:
                got = super().acquire(False)
                waited = not got
            if not got:
                got = super().acquire(blocking, timeout)
            if got and self._grader_at:
                emit("sem_acquire", sem=id(self), at=where(), waited=waited)
            return got

        __enter__ = acquire

        def release(self, n=1):
            if self._grader_at:
                emit("sem_release", sem=id(self), at=where())
            return super().release(n) if n != 1 else super().release()

        def __exit__(self, *exc):
            self.release()

    class BoundedSemaphore(Semaphore, orig_bounded):
        """threading.BoundedSemaphore: a release beyond the start value raises."""

        def __init__(self, value=1):
            Semaphore.__init__(self, value)
            self._initial_value = value

        def release(self, n=1):  # one that raises is not recorded as a release
            with self._cond:
                if self._value + n > self._initial_value:
                    raise ValueError("Semaphore released too many times")
            return Semaphore.release(self, n)

    for cls, orig in ((Semaphore, orig_semaphore), (BoundedSemaphore, orig_bounded)):
        cls.__module__, cls.__qualname__, cls.__name__ = "threading", orig.__name__, orig.__name__
    threading.Semaphore, threading.BoundedSemaphore = Semaphore, BoundedSemaphore

    # Which Event each thread of the student's file looks at (is_set() or
    # wait()), counted and reported when the thread ends: one Event per worker
    # and one shared by all are facts of every run.
    Event = threading.Event
    orig_event_init, orig_event_set = Event.__init__, Event.set
    orig_event_is_set, orig_event_wait = Event.is_set, Event.wait
    looks = {}  # thread ident -> {(event id, how): [count, where first]}

    def looked(event, how, at):
        mine = own(looks, dict)
        found = lookup(mine, (id(event), how))
        if found is None:
            mine[(id(event), how)] = [1, at]
        else:
            found[0] += 1

    def looks_of(tid):
        return [{"event": e, "how": how, "count": n, "at": at}
                for (e, how), (n, at) in looks.pop(tid, {}).items()]

    def event_init(self, *args, **kwargs):
        orig_event_init(self, *args, **kwargs)
        at = caller_in_student()
        if at:
            emit("event_made", event=id(self), at=at)

    def event_set(self):
        at = caller_in_student()
        if at:
            emit("event_set", event=id(self), at=at)
        return orig_event_set(self)

    def event_is_set(self):
        at = caller_in_student()
        if at:
            looked(self, "is_set", at)
        return orig_event_is_set(self)

    def event_wait(self, timeout=None):
        at = caller_in_student()
        if at:
            looked(self, "wait", at)
        return orig_event_wait(self, scaled(timeout))

    Event.__init__, Event.set, Event.is_set, Event.wait = (event_init, event_set, event_is_set,
                                                           event_wait)

    # Which threads the student's file asked about while it ran (is_alive(),
    # active_count(), enumerate()), counted per line and reported when the
    # thread ends: main that polls its threads to pace them is a fact of the
    # run, not a guess from timing.
    polls = {}  # thread ident -> {(what, line): [count, at, first t, last t]}
    orig_is_alive, orig_active_count, orig_enumerate = (
        threading.Thread.is_alive, threading.active_count, threading.enumerate)

    def polled(what, at):
        if at:
            now = monotonic()
            mine = own(polls, dict)
            found = lookup(mine, (what, at["line"]))
            if found is None:
                mine[(what, at["line"])] = [1, at, now, now]
            else:
                found[0] += 1
                found[3] = now

    def polls_of(tid):
        return [{"what": what, "count": n, "at": at, "first": first, "last": last}
                for (what, _), (n, at, first, last) in polls.pop(tid, {}).items()]

    def is_alive(self):
        polled("is_alive", caller_in_student())
        return orig_is_alive(self)

    def active_count():
        polled("active_count", caller_in_student())
        return orig_active_count()

    def enumerate_threads():
        polled("enumerate", caller_in_student())
        return orig_enumerate()

    threading.Thread.is_alive = is_alive
    threading.active_count, threading.enumerate = active_count, enumerate_threads

    # -- multiprocessing queues made by the student's file -----------------------
    # Multiprocessing locks (queues hold two, a Value one) need a name that is
    # the same in every process: their semaphore's name under spawn and
    # forkserver; under fork, where the semaphore is unlinked at once, a key
    # given when the lock is made, which fork children inherit with the object.
    # Each thread knows the multiprocessing locks (Lock and RLock) it holds:
    # asking every lock of the process whether it is the thread's (_is_mine)
    # would lock each of them, which threads without a GIL queue for.
    mp_held = {}  # thread ident -> the multiprocessing locks it holds now, once tracked
    made = [0]

    def semlock_key(lock):
        return (getattr(lock._semlock, "name", None) or getattr(lock, "_grader_key", None)
                or "h%x" % lock._semlock.handle)

    def let_go_of(lock):
        for mine in [own(mp_held, list)] + list(mp_held.values()):  # a Lock another thread took
            if lock in mine:
                mine.remove(lock)
                return

    def track_semlocks():
        import multiprocessing.synchronize as sync
        orig_make = sync.SemLock._make_methods

        def _make_methods(self):  # called by __init__ and __setstate__
            if not hasattr(self, "_grader_key"):
                made[0] += 1
                self._grader_key = "%d-%d" % (os.getpid(), made[0])
            orig_make(self)
            if not isinstance(self, (sync.Lock, sync.RLock)):
                return
            acquire, release = self.acquire, self.release

            def traced_acquire(*args, **kwargs):
                got = acquire(*args, **kwargs)
                if got:
                    own(mp_held, list).append(self)
                return got

            def traced_release():
                release()
                let_go_of(self)

            self.acquire, self.release = traced_acquire, traced_release

        sync.SemLock._make_methods = _make_methods
        sync.SemLock.__enter__ = lambda self: self.acquire()
        sync.SemLock.__exit__ = lambda self, *args: self.release()

    if mentions("Queue", "Value"):
        track_semlocks()

    def trace_queues():
        import queue as queue_module
        import multiprocessing.queues as mpq

        def queue_key(q):
            try:
                return semlock_key(q._rlock)
            except Exception:
                return None

        def traced_init(orig):
            def __init__(self, *args, **kwargs):
                orig(self, *args, **kwargs)
                at = called_from_student("multiprocessing")
                if at:
                    emit("queue_made", queue=queue_key(self), cls=type(self).__name__,
                         maxsize=getattr(self, "_maxsize", None), at=at)
            return __init__

        def traced_put(orig):
            def put(self, obj, *args, **kwargs):
                at = called_from_student("multiprocessing")
                if at:  # before the item can reach anyone
                    emit("queue_put", queue=queue_key(self), item=short(obj), at=at)
                return orig(self, obj, *args, **kwargs)
            return put

        def traced_get(orig, timeouts):
            def get(self, *args, **kwargs):
                at = called_from_student("multiprocessing")
                block, timeout = True, None
                if timeouts:
                    block = kwargs.get("block", args[0] if args else True)
                    timeout = kwargs.get("timeout", args[1] if len(args) > 1 else None)
                    args, kwargs = (block, scaled(timeout)), {}
                try:
                    item = orig(self, *args, **kwargs)
                except queue_module.Empty:
                    if at:
                        emit("queue_empty", queue=queue_key(self), at=at, block=block,
                             timeout=timeout)
                    raise
                if at:
                    emit("queue_get", queue=queue_key(self), item=short(item), at=at,
                         block=block, timeout=timeout)
                return item
            return get

        for cls in (mpq.Queue, mpq.SimpleQueue):
            cls.__init__ = traced_init(cls.__init__)
            cls.put = traced_put(cls.put)
            cls.get = traced_get(cls.get, cls is mpq.Queue)
        mpq.JoinableQueue.put = traced_put(mpq.JoinableQueue.put)  # its own put; the rest is Queue's

        def traced_probe(orig, method):
            def probe(self):
                result = orig(self)
                at = called_from_student("multiprocessing")
                if at:
                    emit("queue_probe", queue=queue_key(self), method=method, result=result, at=at)
                return result
            return probe

        for cls, method in ((mpq.Queue, "empty"), (mpq.Queue, "qsize"), (mpq.Queue, "full"),
                            (mpq.SimpleQueue, "empty")):
            setattr(cls, method, traced_probe(getattr(cls, method), method))

    if mentions("Queue"):
        trace_queues()

    # -- executors made by the student's file ---------------------------------------
    def trace_executors():
        import functools
        import itertools
        from concurrent.futures import process, thread

        def traced_init(orig, kind):
            def __init__(self, *args, **kwargs):
                orig(self, *args, **kwargs)
                if hasattr(self, "_safe_to_dynamically_spawn_children"):
                    # 3.11+ starts spawn/forkserver workers one per submit, so a
                    # first worker could run early chunks before its sibling
                    # exists; start them all with the first task, as under fork.
                    self._safe_to_dynamically_spawn_children = False
                self._grader_pool = "%d-%x" % (os.getpid(), id(self))
                self._grader_tasks = itertools.count()
                at = called_from_student("concurrent")
                if at:
                    workers = kwargs.get("max_workers", args[0] if args else None)
                    emit("pool_made", pool=self._grader_pool, kind=kind, max_workers=workers, at=at)
            return __init__

        def traced_submit(orig):
            def submit(self, fn, *args, **kwargs):
                at = called_from_student("concurrent")
                if not at or not hasattr(self, "_grader_pool") or any(
                        c.__name__ == "InterpreterPoolExecutor" for c in type(self).__mro__):
                    # 3.14's InterpreterPoolExecutor is a ThreadPoolExecutor whose tasks
                    # cross into subinterpreters, where no PoolTask can follow
                    return orig(self, fn, *args, **kwargs)
                task, items, shown = next(self._grader_tasks), 1, fn
                if isinstance(fn, functools.partial) and fn.func is getattr(process, "_process_chunk", None):
                    shown = fn.args[0]  # ProcessPoolExecutor.map: one task per chunk
                    items = len(args[0]) if args and hasattr(args[0], "__len__") else 1
                name = name_of(shown)
                emit("pool_submit", pool=self._grader_pool, task=task, fn=name, items=items,
                     args=[short(a) for a in args[:5]], at=at)
                roster = None
                if workdir and isinstance(self, process.ProcessPoolExecutor):
                    roster = os.path.join(workdir, "pool-%s" % self._grader_pool)
                future = orig(self, PoolTask(fn, self._grader_pool, task, name, roster),
                              *args, **kwargs)
                if roster:  # written again only when the workers change
                    pids = " ".join(str(pid) for pid in list(self._processes or {}))
                    if pids != getattr(self, "_grader_roster", None):
                        write_roster(roster, pids)
                        self._grader_roster = pids
                return future
            return submit

        def write_roster(path, pids):
            """The pids of the pool's worker processes so far, for PoolTask.wait_for_workers."""
            try:
                with open(path + ".new", "w") as f:
                    f.write(pids)
                os.replace(path + ".new", path)
            except OSError:
                pass

        for cls, kind in ((process.ProcessPoolExecutor, "process"),
                          (thread.ThreadPoolExecutor, "thread")):
            cls.__init__ = traced_init(cls.__init__, kind)
            cls.submit = traced_submit(cls.submit)

    if mentions("concurrent", "Executor"):
        trace_executors()

    # -- shared values made by the student's file ---------------------------------------
    # Which multiprocessing locks a process held while it wrote a Value is a fact
    # of every run, raced or not: a write with none (or with a lock no other
    # process shares) is a lost update waiting to happen.
    value_writes = {}  # thread ident -> {(value, func, line, held lock keys): count}

    def trace_values():
        import multiprocessing.sharedctypes as shared

        def held_keys():
            return tuple(sorted({semlock_key(l) for l in lookup(mp_held, threading.get_ident(), ())}))

        def value_key(v):
            try:
                return semlock_key(v.get_lock())
            except Exception:
                return None

        orig_value = shared.Value

        def Value(typecode_or_type, *args, **kwargs):
            made = orig_value(typecode_or_type, *args, **kwargs)
            at = called_from_student("multiprocessing")
            if at:
                has_lock = hasattr(made, "get_lock")
                emit("value_made", value=value_key(made) if has_lock else None,
                     typecode=typecode_or_type if isinstance(typecode_or_type, str)
                     else name_of(typecode_or_type), lock=has_lock, at=at)
            return made

        shared.Value = Value
        prop = shared.Synchronized.value

        def setvalue(self, new):  # multiprocessing's own setter has this name
            at = caller_in_student()
            if at:
                key = (value_key(self), at["func"], at["line"], held_keys())
                mine = own(value_writes, dict)  # each thread counts its own: none is lost
                mine[key] = lookup(mine, key, 0) + 1
            prop.fset(self, new)

        shared.Synchronized.value = property(prop.fget, setvalue)

    def emit_value_writes():
        total = {}
        for mine in list(value_writes.values()):
            for key, n in list(mine.items()):
                total[key] = total.get(key, 0) + n
        value_writes.clear()
        if total:
            emit("value_writes", writes=[
                {"value": v, "func": func, "line": line, "locks": list(keys), "count": n}
                for (v, func, line, keys), n in sorted(total.items(), key=repr)])

    if mentions("Value"):
        trace_values()

    # -- race amplifier ------------------------------------------------------
    if os.environ.get("GRADER_AMPLIFY"):
        import random
        rngs = {}  # thread ident -> its own Random (a shared one is locked by every call)
        chance = float(os.environ.get("GRADER_AMPLIFY", "0.05"))

        def switch_now():
            """Whether to give the other threads a chance at this instruction:
            not while another thread waits and this one holds a lock of the
            file's (it may be the lock the other waits for: pausing would only
            make it wait longer, and without a GIL a waiter spins).  A thread
            that holds a lock nobody waits for still pauses, so two threads that
            take two locks in opposite orders still meet half-way.  Nor while
            it holds a multiprocessing lock: who waits for one is not known here
            (whether the writes to a Value held a shared lock is recorded, so
            the verdict does not rest on a lost update happening)."""
            tid = threading.get_ident()
            if (waiting and lookup(held, tid)) or lookup(mp_held, tid):
                return False
            return own(rngs, random.Random).random() < chance
        sys.setswitchinterval(1e-6)
        import dis
        store_offsets = {}

        def stores_of(code):
            """offset -> (global name, line) of each STORE_GLOBAL in CODE."""
            found = lookup(store_offsets, code)
            if found is None:
                found, line = {}, code.co_firstlineno
                for ins in dis.get_instructions(code):
                    line = getattr(getattr(ins, "positions", None), "lineno", None) or \
                        getattr(ins, "line_number", ins.starts_line) or line  # 3.13: a bool
                    if ins.opname in ("STORE_GLOBAL", "STORE_ATTR"):  # g_balance, a.balance
                        found[ins.offset] = (ins.argval if ins.opname == "STORE_GLOBAL"
                                             else "." + ins.argval, line)
                store_offsets[code] = found
            return found

        def unguarded_store(name, func, line):
            """A write to a global of the student's file, with the file's locks the
            writing thread held (none: unguarded)."""
            tid = threading.get_ident()
            key = (name, func, line, tuple(sorted(lock.number for lock in lookup(held, tid, ()))))
            mine = own(unguarded, dict)
            mine[key] = lookup(mine, key, 0) + 1

        if sys.version_info >= (3, 12):
            mon = sys.monitoring
            tool = 4
            mon.use_tool_id(tool, "grader-amplifier")

            def on_start(code, offset):
                if is_student(code.co_filename):
                    mon.set_local_events(tool, code, mon.events.INSTRUCTION)
                return mon.DISABLE

            def on_instruction(code, offset):
                store = lookup(stores_of(code), offset)
                if store is not None:
                    unguarded_store(store[0], code.co_name, store[1])
                if switch_now():
                    real_sleep(1e-6)

            mon.register_callback(tool, mon.events.PY_START, on_start)
            mon.register_callback(tool, mon.events.INSTRUCTION, on_instruction)
            mon.set_events(tool, mon.events.PY_START)
        else:
            def local(frame, event, arg):
                if event == "opcode":
                    store = lookup(stores_of(frame.f_code), frame.f_lasti)
                    if store is not None:
                        unguarded_store(store[0], frame.f_code.co_name, frame.f_lineno)
                    if switch_now():
                        real_sleep(1e-6)
                return local

            def tracer(frame, event, arg):
                if event == "call" and is_student(frame.f_code.co_filename):
                    frame.f_trace_opcodes = True
                    return local
                return None

            sys.settrace(tracer)
            threading.settrace(tracer)

    # -- hangs: where was every thread? ---------------------------------------
    stacks_dir = os.environ.get("GRADER_STACKS")

    def register_stacks():
        if not stacks_dir:
            return
        # A raw descriptor, never closed: a file object registered here makes
        # Python 3.9 crash at exit.
        path = os.path.join(stacks_dir, "stacks-%d.txt" % os.getpid())
        stacks_fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
        faulthandler.register(_signal.SIGUSR1, file=stacks_fd, all_threads=True, chain=False)

    register_stacks()

    def after_fork():
        value_writes.clear()  # the parent's writes are the parent's to report
        mp_held.clear()  # a fork child holds none of its parent's locks
        registry._at_fork_reinit()  # another thread may have held it at the fork
        for name in tails:  # a new process: its own output, from its own start
            text_budget[name] = budget
            tails[name].clear()
            tail_size[name] = 0
        partial.clear()
        open_lines.clear()
        gaps.clear()
        emit("forked", os_ppid=os.getppid())
        register_stacks()

    os.register_at_fork(after_in_child=after_fork)

    # -- this interpreter --------------------------------------------------------
    emit("interp", argv=list(sys.argv), os_ppid=os.getppid(), version=list(sys.version_info[:3]),
         scale=scale, start_method=method)

    def exit_record():
        main = sys.modules.get("__main__")
        values = {}
        for key, value in vars(main).items() if main else ():
            if not key.startswith("_") and type(value) in (int, float, str, bool):
                values[key] = value if not isinstance(value, str) else short(value)
        flush_tails()
        emit_value_writes()
        emit("exit", globals=values, locks=lock_facts(), looks=looks_of(threading.get_ident()),
             polls=polls_of(threading.get_ident()), stores=stores_of_thread(threading.get_ident()))

    atexit.register(recording, "at the program's end", exit_record)


def json_encoder():
    """A function that writes a record as one line of JSON (what it cannot
    write, as its repr()): json's own C encoder, as json.dumps uses it, where it
    answers as expected -- `import json` also compiles regular expressions and
    builds enums, which every process of every run would pay for."""
    try:
        import _json
        encode = _json.make_encoder(None, repr, _json.encode_basestring, None,
                                    ": ", ", ", False, False, True)
        if "".join(encode({"t": [1, 0.5, None, "\u4e2d"]}, 0)) == '{"t": [1, 0.5, null, "\u4e2d"]}':
            return lambda rec: "".join(encode(rec, 0))
    except (ImportError, AttributeError, TypeError, ValueError):
        pass
    import json
    return lambda rec: json.dumps(rec, ensure_ascii=False, default=repr)


BEGUN = "begun-%d"  # the file a process of the run makes in the run's folder once it has begun


class PoolTask:
    """A task given to an executor by the student's file: records in the worker
    (process or thread) when it begins and ends.  Module-level, so a process
    pool can pickle it by name; `sitecustomize` is importable in every worker.

    Starting a worker process is not the program's work (a spawn child needs
    0.1-0.2 s, more under load): as sleeps do, a task of a process pool first
    waits until the pool's workers started so far are running, so a fast first
    worker cannot take every chunk while its sibling is still starting."""

    ready_pools = set()  # pools whose workers were all running when one of our tasks began

    def __init__(self, fn, pool, task, name, roster=None):
        self.fn, self.pool, self.task, self.name, self.roster = fn, pool, task, name, roster

    def wait_for_workers(self):
        import time
        end = time.monotonic() + 10
        while time.monotonic() < end:
            try:
                with open(self.roster) as f:
                    pids = [int(p) for p in f.read().split()]
            except (OSError, ValueError):  # main writes it just after the submit
                _real_sleep(0.002)
                continue
            folder = os.path.dirname(self.roster)
            if all(os.path.exists(os.path.join(folder, BEGUN % pid))
                   or not os.path.exists("/proc/%d" % pid) for pid in pids):
                PoolTask.ready_pools.add(self.pool)
                return
            _real_sleep(0.002)

    def __call__(self, *args, **kwargs):
        if self.roster and self.pool not in PoolTask.ready_pools:
            self.wait_for_workers()
        facts = {"pool": self.pool, "task": self.task, "fn": self.name}
        _emit("pool_task_begin", **facts)
        try:
            result = self.fn(*args, **kwargs)
        except BaseException as exc:
            _emit("pool_task_end", error="%s: %s" % (type(exc).__name__, exc), **facts)
            raise
        _emit("pool_task_end", **facts)
        return result


def _emit(ev, **fields):
    pass  # replaced by the harness's emit when it is installed


_real_sleep = None  # time.sleep before the harness scaled it


def _main_interpreter():
    """A subinterpreter (concurrent.interpreters, 3.14's InterpreterPoolExecutor)
    imports site too: the harness belongs to the process's main interpreter."""
    import _thread
    return getattr(_thread, "_is_main_interpreter", lambda: True)()


if _TRACE and _main_interpreter():
    _install()
del _TRACE
