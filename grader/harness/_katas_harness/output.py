"""Output: every write to stdout and stderr, with its process, thread and time.

Streams become line-buffered (as in a terminal).  What a process prints is
recorded up to a budget of characters per stream from its start, and after
that its last lines (the end of a run matters as much as its start); what lies
between is recorded as a gap, so a check can say it was not recorded."""
import collections
import os
import sys
import threading

from . import core
from .core import emit, lookup, monotonic

budget = 1000000
text_budget = {}  # stream -> characters still recorded as they are written
tail_budget = 1
tails = {"stdout": collections.deque(), "stderr": collections.deque()}  # (time, tid, thread, line)
tail_size = {"stdout": 0, "stderr": 0}
partial = {}  # (stream, tid) -> [time of its first write, text of the line so far]
gaps = {}  # stream -> [time the budget ran out, characters not recorded, lines not recorded]
open_lines = set()  # (stream, tid) whose last recorded write did not end its line


def coroutine_of_write():
    """{'task': name of the coroutine of the asyncio task printing} when an
    event loop runs in this thread (None: the loop itself, outside a task)."""
    asyncio = core.running_asyncio()
    if asyncio is None:
        return {}
    task = asyncio.current_task()
    coro = task.get_coro() if task is not None else None
    return {"task": getattr(coro, "__qualname__", None) or repr(coro) if coro else None}


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
    me = threading.get_ident()
    for name, (began, chars, lines) in list(gaps.items()):
        core.write({"ev": "text_gap", "t": began, "pid": os.getpid(), "thread": None, "tid": me,
                    "stream": name, "began": began, "chars": chars, "lines": lines})
        for started, tid, thread, text in tails[name]:
            core.write({"ev": "write", "t": started, "pid": os.getpid(), "thread": thread,
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


def reset():
    """A new process (a fork child): its own output, from its own start."""
    for name in tails:
        text_budget[name] = budget  # stderr keeps its own, for tracebacks
        tails[name].clear()
        tail_size[name] = 0
    partial.clear()
    open_lines.clear()
    gaps.clear()


def install(environ=os.environ):
    global budget, tail_budget
    budget = int(environ.get("GRADER_TEXT_LIMIT", "1000000"))
    tail_budget = max(1, budget // 5)
    reset()
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
    core.process_ending.append(flush_tails)
    core.after_fork.append(reset)
