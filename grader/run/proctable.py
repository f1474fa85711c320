"""The machine's processes as one table (pid -> parent pid, uids), read at most
once every FRESH seconds and shared by every run a grading watches.  Each
watchdog asks for its run's processes five times a second, and a grading of a
class runs dozens of programs at once: each reading the whole process table
(and every process's environment) for itself cost reads of runs times
processes each round; shared, it is one read of the table.  What is left of a
run once it has ended is looked for in a table read then (shared=False): a
process born an instant ago is in no shared table yet."""
import os
import threading
import time

import psutil

FRESH = 0.1  # seconds a table is used before it is read again

_lock = threading.Lock()
_last = (float("-inf"), {})


def table(shared=True):
    """{pid: (parent pid, set of the process's uids)} of every live process that
    is not a zombie, as read at most FRESH seconds ago if SHARED, else now."""
    global _last
    with _lock:
        when, found = _last
        if shared and time.monotonic() - when < FRESH:
            return found
        found = _read() if os.path.isdir("/proc/self") else _read_psutil()
        _last = (time.monotonic(), found)
        return found


def _read():
    """From Linux's /proc/PID/status: PPid, Uid and State in one file each."""
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/status" % name, "rb") as f:
                fields = dict(line.split(b":", 1) for line in f.read().splitlines()
                              if b":" in line)
            if fields.get(b"State", b"").split()[:1] == [b"Z"]:
                continue
            uids = {int(u) for u in fields[b"Uid"].split()[:3]}
            found[int(name)] = (int(fields[b"PPid"]), uids)
        except (OSError, KeyError, ValueError, IndexError):
            continue
    return found


def _read_psutil():
    found = {}
    for proc in psutil.process_iter(["ppid", "uids", "status"]):
        try:
            if proc.info["status"] == psutil.STATUS_ZOMBIE or proc.info["uids"] is None:
                continue
            uids = proc.info["uids"]
            found[proc.pid] = (proc.info["ppid"], {uids.real, uids.effective, uids.saved})
        except psutil.Error:
            continue
    return found


def descendants(pids, of=None):
    """PIDS and every descendant of theirs, by the table OF (default: now's)."""
    of = table() if of is None else of
    children = {}
    for pid, (ppid, _) in of.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = set(), list(pids)
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo += children.get(pid, [])
    return found


def children_of(pid, of=None):
    """The live children of PID, by the table OF (default: now's)."""
    of = table() if of is None else of
    return [child for child, (ppid, _) in of.items() if ppid == pid]


def with_uid(uid, of=None):
    """The live processes one of whose uids is UID."""
    of = table() if of is None else of
    return [pid for pid, (_, uids) in of.items() if uid in uids]
