"""Threads: start, begin, run, join and end, with their target; an ending
thread's record carries what the other concerns counted for it (locks held
and taken, unguarded writes, the Events it looked at, the threads it polled);
and which threads the file asked about while it ran (is_alive(),
active_count(), enumerate()), counted per line: main that polls its threads
to pace them is a fact of the run, not a guess from timing."""
import os
import threading

from . import core
from .core import caller_in_student, emit, lookup, monotonic, name_of, own, where

Thread = threading.Thread
orig_tstart = Thread.start
orig_inner = Thread._bootstrap_inner
orig_tjoin = Thread.join
orig_trun = Thread.run
orig_is_alive, orig_active_count, orig_enumerate = (
    Thread.is_alive, threading.active_count, threading.enumerate)


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
    for hook in core.thread_beginning:
        hook(threading.get_ident())
    emit("thread_begin", thread=self.name, target=name_of(getattr(self, "_target", None)),
         internal=internal(self))
    try:
        return orig_inner(self)
    finally:
        tid = threading.get_ident()
        core.recording("while thread %s ended" % self.name, lambda: emit(
            "thread_end", thread=self.name, **core.fields_of(core.thread_ending, tid, self.name)))


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


polls = {}  # thread ident -> {(what, line): [count, at, first t, last t]}


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


def polls_of(tid, name=None):
    return {"polls": [{"what": what, "count": n, "at": at, "first": first, "last": last}
                      for (what, _), (n, at, first, last) in polls.pop(tid, {}).items()]}


def is_alive(self):
    polled("is_alive", caller_in_student())
    return orig_is_alive(self)


def active_count():
    polled("active_count", caller_in_student())
    return orig_active_count()


def enumerate_threads():
    polled("enumerate", caller_in_student())
    return orig_enumerate()


def install():
    Thread.start = thread_start
    Thread._bootstrap_inner = bootstrap_inner
    Thread.join = thread_join
    Thread.run = thread_run
    Thread.is_alive = is_alive
    threading.active_count, threading.enumerate = active_count, enumerate_threads
    core.thread_ending.append(polls_of)
    core.exiting.append(polls_of)
