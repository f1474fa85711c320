"""Locks of multiprocessing (a queue holds two, a Value one): a name that is
the same in every process, and the ones each thread holds now.

The name is their semaphore's under spawn and forkserver; under fork, where
the semaphore is unlinked at once, a key given when the lock is made, which
fork children inherit with the object.  Each thread knows the multiprocessing
locks (Lock and RLock) it holds: asking every lock of the process whether it
is the thread's (_is_mine) would lock each of them, which threads without a
GIL queue for."""
import os

from . import core
from .core import own

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


def install():
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
    core.after_fork.append(mp_held.clear)  # a fork child holds none of its parent's locks
