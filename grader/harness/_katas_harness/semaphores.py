"""threading.Semaphore and BoundedSemaphore made by the student's file: each
acquire (once got, and whether it had to wait) and each release, with the
thread.  They stay classes the student may subclass."""
import threading

from .core import emit, made_in_student, where

orig_semaphore, orig_bounded = threading.Semaphore, threading.BoundedSemaphore


class Semaphore(orig_semaphore):
    """threading.Semaphore; one that the student's file made records its
    acquires and releases."""

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


def install():
    threading.Semaphore, threading.BoundedSemaphore = Semaphore, BoundedSemaphore
