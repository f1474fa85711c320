"""threading.Lock objects made by the student's file, and deadlocks.

Each lock knows who holds it, and keeps each thread's holds as spans of time
(a thread's holds follow each other in one span while no other thread takes
the lock in between; at most MOST_HOLDS spans a thread); each thread knows
which locks it holds and which one it waits for: so the harness records lock
order (a thread taking B while it holds A) and sees a deadlock the moment the wait-for graph closes a cycle
-- then it tells the runner (a `deadlock` file in the run's folder), which
stops the run at once.  Writes to globals and attributes made while holding
no lock are counted here too (the race amplifier finds them)."""
import os
import sys
import threading

from . import core
from .core import emit, lookup, monotonic, own, real_sleep, thread_name, where

allocate = threading._allocate_lock
orig_lock = threading.Lock
locks = []
held = {}  # thread ident -> the student's locks it holds now, in the order taken
waiting = {}  # thread ident -> (the lock it waits for, blocking with no timeout; where)
orders = set()  # (thread ident, first, then) already recorded
most_held = {}  # thread ident -> the most locks it held at once
unguarded = {}  # thread ident -> {(global or .attribute, func, line, locks held): writes}

# Who waits for which lock changes only under `registry`, and the wait-for
# cycle is walked under it.  A lock's owner is one attribute, set by the
# thread that got the lock and cleared by it before it lets go, so taking and
# releasing one's own lock never waits for the registry (without a GIL two
# threads would queue for it at every step).  A thread that waits with no
# timeout stays in `waiting` until it can take the registry again, so while
# the detector holds it, none of the waiting threads can let go of a lock: a
# cycle found among them holds at the moment it is seen.  A thread that
# releases a lock another thread owns (Lock allows it) takes the registry.
registry = allocate()
MOST_HOLDS = 200  # spans of holds kept per lock and thread
detector_pause = 0.0  # self-test only: a pause in the detector's walk
free_threaded = not getattr(sys, "_is_gil_enabled", lambda: True)()


def stores_of_thread(tid, name=None):
    return {"stores": [{"name": k[0], "func": k[1], "line": k[2], "locks": list(k[3]), "count": n}
                       for k, n in unguarded.pop(tid, {}).items()]}


def unguarded_store(name, func, line):
    """A write to a global of the student's file, with the file's locks the
    writing thread held (none: unguarded)."""
    tid = threading.get_ident()
    key = (name, func, line, tuple(sorted(lock.number for lock in lookup(held, tid, ()))))
    mine = own(unguarded, dict)
    mine[key] = lookup(mine, key, 0) + 1


def wait_cycle(tid):
    """The wait-for cycle through thread TID, or None (call it holding
    `registry`).  A lock owned by a thread that has ended ends the walk too:
    nobody can release that lock any more (a thread that is not waiting may let
    go of its lock while the walk reads it, so the walk reads the owner again
    once the thread has ended)."""
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
    """Tell of the deadlock CYCLE, with the holds of the threads that have not
    ended (their spans so far, and the holds they are in now)."""
    made = all_locks()
    holds, holding = {}, []
    for lock in made:
        for name, spans_of in dict(lock.holds).items():
            holds.setdefault(name, {})[str(lock.number)] = spans(list(spans_of))
        owner, hold = lock.owner, lock.hold
        if owner is not None and hold is not None:
            holding.append({"thread": owner[1], "lock": lock.number, "since": round(hold[0], 6)})
    emit("deadlock", cycle=cycle, holds=holds, holding=holding)
    core.mark("deadlock")


def take(lock, forever, timeout):
    """lock.acquire(True, timeout), waiting as a thread of the program would.
    Without a GIL a blocked acquire first calls sched_yield() up to 40 times,
    and on a busy machine each call gives a whole time slice away to other
    programs (a traced lock is held a little longer, so it is met more often):
    there the wait polls, sleeping a little longer each time."""
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
        self.holds = {}  # thread name -> [[first, last time it held it, holds, last hold's number]]
        self.taken = 0  # its acquisitions so far
        self.hold = None  # (when, number) of the hold now
        self.owner = None
        # Listed only when whole: an ending thread counts its acquisitions in
        # every lock of the list while other threads still make locks.
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
        self.taken += 1
        self.hold = (now, self.taken)
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

    def held_until_now(self, name):
        """The hold that ends now, as a span of NAME's (called holding the lock)."""
        if self.hold is None:
            return
        (began, number), self.hold = self.hold, None
        mine = self.holds.setdefault(name, [])
        if mine and mine[-1][3] == number - 1:  # nobody took it since NAME's last hold
            mine[-1][1:] = [monotonic(), mine[-1][2] + 1, number]
        elif len(mine) < MOST_HOLDS:
            mine.append([began, monotonic(), 1, number])

    def let_go(self, owner):
        if owner is not None:
            self.held_until_now(owner[1])
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
    if caller is None or not core.is_student(caller.f_code.co_filename):
        return allocate()
    return TracedLock({"line": caller.f_lineno, "func": caller.f_code.co_name})


def all_locks():
    with registry:
        return list(locks)


def spans(holds):
    return [[round(a, 6), round(b, 6), n] for a, b, n, _ in holds]


def lock_counts_of(tid, name):  # of a thread that is ending: no longer current_thread()
    made = all_locks()
    return {"locks": {str(lock.number): lock.acquired[name] for lock in made
                      if name in lock.acquired},
            "holds": {str(lock.number): spans(lock.holds.pop(name, [])) for lock in made
                      if name in lock.holds},
            "max_held": most_held.pop(tid, 0)}


def lock_facts(tid=None):
    made = all_locks()
    return {"locks": [{"number": l.number, "at": l.at, "creator": l.creator,
                       "acquired": l.acquired, "times": l.times, "refused": l.refused,
                       "holds": {name: spans(h) for name, h in dict(l.holds).items()}}
                      for l in made[:50]] + ([{"more": len(made) - 50}] if len(made) > 50 else [])}


def lock_class():
    """threading.Lock as a class (from 3.13 on: isinstance() works with it)
    whose calls make the harness's locks."""
    class LockClass(type):
        def __call__(cls):
            return make_lock(sys._getframe(1))

        def __instancecheck__(cls, obj):
            return isinstance(obj, (TracedLock, orig_lock))

        def __subclasscheck__(cls, sub):
            return issubclass(sub, (TracedLock, orig_lock))

    return LockClass(orig_lock.__name__, (), {
        "__module__": orig_lock.__module__, "__qualname__": orig_lock.__qualname__,
        "__doc__": orig_lock.__doc__})


def forget_thread(tid):
    held.pop(tid, None)  # an ended thread's ident may be reused


def install(environ=os.environ):
    global detector_pause
    detector_pause = float(environ.get("GRADER_DETECTOR_PAUSE") or 0)
    if isinstance(orig_lock, type):
        threading.Lock = lock_class()
    else:  # a function before 3.13
        make_lock.__name__ = make_lock.__qualname__ = orig_lock.__name__
        threading.Lock = make_lock
    core.thread_beginning.append(forget_thread)
    core.thread_ending.append(lock_counts_of)
    core.thread_ending.append(stores_of_thread)
    core.exiting.append(lock_facts)
    core.exiting.append(stores_of_thread)
    core.after_fork.append(registry._at_fork_reinit)  # another thread may have held it at the fork
