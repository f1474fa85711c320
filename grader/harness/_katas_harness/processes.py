"""Processes of multiprocessing: start, begin (in the child), run, join,
terminate and kill, with what each process was made of; and the default start
method the grader chose (without set_start_method: the student may still set
one)."""
import os

from . import core, timing
from .core import emit, name_of, short, where


def choose_start_method(method):
    import multiprocessing.context as ctx
    ctx._default_context._default_context = ctx._concrete_contexts[method]


def install():
    import multiprocessing
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
        emit("proc_starting", at=at, **facts)
        try:
            orig_start(self)
        except BaseException as exc:
            emit("proc_start_failed", error="%s: %s" % (type(exc).__name__, exc), at=at, **facts)
            raise
        emit("proc_started", child=self.pid, at=at, **facts)
        timing.started(self)

    def bootstrap(self, *args, **kwargs):
        self._grader_in_child = True
        core.run_hooks(core.child_beginning)
        emit("proc_begin", starter=self._parent_pid, os_ppid=os.getppid(),
             start_method=multiprocessing.context._default_context.get_start_method(allow_none=True),
             **process_facts(self))
        timing.begun()  # after the record: a parent that waited for it sees it has begun
        code = orig_bootstrap(self, *args, **kwargs)
        core.recording("while a process ended", lambda: core.run_hooks(core.process_ending))
        emit("proc_end", exitcode=code)
        return code

    def run(self):
        if not getattr(self, "_grader_in_child", False):
            emit("proc_run_direct", at=where(), **process_facts(self))
        return orig_run(self)

    def join(self, timeout=None):
        began = core.monotonic()
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

    orig_spawnv = multiprocessing.util.spawnv_passfds

    def spawnv_passfds(path, args, passfds):
        """The fork server and the resource tracker are started through this:
        which one a new interpreter is, by the command it is given."""
        pid = orig_spawnv(path, args, passfds)
        command = " ".join(str(a) for a in args)
        kind = ("fork server" if "multiprocessing.forkserver import main" in command else
                "resource tracker" if "multiprocessing.resource_tracker import main" in command
                else None)
        if kind:
            emit("helper_started", child=pid, kind=kind)
        return pid

    multiprocessing.util.spawnv_passfds = spawnv_passfds
    BaseProcess.start = start
    BaseProcess._bootstrap = bootstrap
    BaseProcess.join = join
    BaseProcess.run = run
    BaseProcess.terminate = terminate
    if orig_kill is not None:
        BaseProcess.kill = kill
