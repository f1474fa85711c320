"""Executors of concurrent.futures made by the student's file: where each was
made and with how many workers, every task submitted (a chunk of
ProcessPoolExecutor.map counts its items), and in the worker -- process or
thread -- when each task began and ended."""
import os

from . import core
from .core import called_from_student, emit, name_of, short
from .timing import BEGUN, wait_until


class PoolTask:
    """A task given to an executor by the student's file: records in the worker
    when it begins and ends.  Module-level, so a process pool can pickle it by
    name; the harness is importable in every worker.

    Starting a worker process is not the program's work (a spawn child needs
    0.1-0.2 s, more under load): as sleeps do, a task of a process pool first
    waits until the pool's workers started so far are running, so a fast first
    worker cannot take every chunk while its sibling is still starting."""

    ready_pools = set()  # pools whose workers were all running when one of our tasks began

    def __init__(self, fn, pool, task, name, roster=None):
        self.fn, self.pool, self.task, self.name, self.roster = fn, pool, task, name, roster

    def wait_for_workers(self):
        folder, pids = os.path.dirname(self.roster), []

        def ready():
            try:
                with open(self.roster) as f:
                    pids[:] = [int(p) for p in f.read().split()]
            except (OSError, ValueError):  # main writes it just after the submit
                return False
            return all(os.path.exists(os.path.join(folder, BEGUN % pid))
                       or not os.path.exists("/proc/%d" % pid) for pid in pids)

        wait_until(ready, pids)
        PoolTask.ready_pools.add(self.pool)

    def __call__(self, *args, **kwargs):
        if self.roster and self.pool not in PoolTask.ready_pools:
            self.wait_for_workers()
        facts = {"pool": self.pool, "task": self.task, "fn": self.name}
        emit("pool_task_begin", **facts)
        try:
            result = self.fn(*args, **kwargs)
        except BaseException as exc:
            emit("pool_task_end", error="%s: %s" % (type(exc).__name__, exc), **facts)
            raise
        emit("pool_task_end", **facts)
        return result


def write_roster(path, pids):
    """The pids of the pool's worker processes so far, for PoolTask.wait_for_workers."""
    try:
        with open(path + ".new", "w") as f:
            f.write(pids)
        os.replace(path + ".new", path)
    except OSError:
        pass


def install():
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
            if core.workdir and isinstance(self, process.ProcessPoolExecutor):
                roster = os.path.join(core.workdir, "pool-%s" % self._grader_pool)
            future = orig(self, PoolTask(fn, self._grader_pool, task, name, roster),
                          *args, **kwargs)
            if roster:  # written again only when the workers change
                pids = " ".join(str(pid) for pid in list(self._processes or {}))
                if pids != getattr(self, "_grader_roster", None):
                    write_roster(roster, pids)
                    self._grader_roster = pids
            return future
        return submit

    for cls, kind in ((process.ProcessPoolExecutor, "process"),
                      (thread.ThreadPoolExecutor, "thread")):
        cls.__init__ = traced_init(cls.__init__, kind)
        cls.submit = traced_submit(cls.submit)
