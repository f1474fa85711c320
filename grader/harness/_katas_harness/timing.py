"""Time: the program's sleeps (time.sleep, asyncio.sleep) run SCALE times as
long, and are recorded with their line.

Starting a process is not scaled (a spawn child needs about 0.1-0.2 s to
begin, more under load).  So that start-up stays off the program's clock, a
sleep first waits until the processes this process has started are running
(each marks that it has begun with a file in the run's folder).

How long such a wait may last is counted in the time the processes waited for
were not held back by others: on a busy machine a free-threaded spawn child
took 7-8 s of the clock to begin (16 runs at once, a busy loop per core), and
a plain 10 s cap let main end before its daemon had begun."""
import os
import time

from . import core
from .core import caller_in_student, emit, monotonic, number, real_sleep, scaled, where

BEGUN = "begun-%d"  # the file a process of the run makes in the run's folder once it has begun
starting = []  # Process objects started here that may not have begun yet


def begun_mark(pid):
    return os.path.join(core.workdir, BEGUN % pid)


def started(proc):
    """PROC was started here: the next sleep waits until it has begun."""
    if core.workdir:
        starting.append(proc)


def begun():
    """This process, a child of multiprocessing's, has begun (after its first record)."""
    core.mark(BEGUN % os.getpid())


def queued(pid):
    """Seconds process PID (its first thread) has waited for a CPU while ready to
    run (Linux's /proc/PID/schedstat); None where the system does not tell."""
    try:
        with open("/proc/%d/schedstat" % pid) as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return None


def wait_until(ready, pids, patience=10.0):
    """Wait until READY() is true, or until PATIENCE seconds have passed in which
    the processes PIDS were not held back by other programs (waiting for a CPU
    does not count; where the system does not tell, every second counts)."""
    began, held, last = monotonic(), {}, 0.0
    while not ready():
        now = monotonic()
        if now - last > 0.05:
            last = now
            for pid in pids:
                waited = queued(pid)
                if waited is not None:
                    held.setdefault(pid, [waited, waited])[1] = waited
            if now - began - max([b - a for a, b in held.values()] or [0]) > patience:
                return
        real_sleep(0.002)


def wait_for_starting():
    while starting:
        proc = starting.pop()
        try:
            wait_until(lambda: (os.path.exists(begun_mark(proc.pid)) or proc._popen is None
                                or proc._popen.poll() is not None), [proc.pid])
        except Exception:
            pass


def sleep(secs):
    if core.workdir:
        wait_for_starting()
    at = caller_in_student()
    if at:
        emit("sleep", secs=number(secs), at=at)
    if core.running_asyncio() is not None:
        # time.sleep inside a coroutine blocks the whole event loop
        emit("blocking_sleep", secs=number(secs), at=where())
    return real_sleep(scaled(secs))


# It stands for time.sleep in the student's world: pickled by reference as
# time.sleep (a program may hand it to a pool or a process), and named so in
# stacks and reprs.
sleep.__module__, sleep.__qualname__, sleep.__doc__ = "time", "sleep", real_sleep.__doc__


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


def install():
    time.sleep = sleep
    if core.mentions("asyncio") and core.scale != 1:
        scale_asyncio_sleep()
    core.child_beginning.append(starting.clear)  # a fork child inherits its parent's list
