"""Hangs: where was every thread?  On SIGUSR1 a process writes the stacks of
all its threads to stacks-PID.txt in the run's folder (faulthandler), for the
runner's report of a run that did not end.  The file begins with the id of
the thread that will be the dump's last (the oldest: the main thread, or the
one that forked): the runner waits for that thread's stack to know the dump is
whole."""
import _signal  # signal's own module: `signal` builds enums
import _thread
import faulthandler
import os

from . import core


def register():
    if not core.workdir:
        return
    # A raw descriptor, never closed: a file object registered here makes
    # Python 3.9 crash at exit.
    path = os.path.join(core.workdir, "stacks-%d.txt" % os.getpid())
    stacks_fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    os.write(stacks_fd, b"main thread 0x%016x\n\n" % _thread.get_ident())
    faulthandler.register(_signal.SIGUSR1, file=stacks_fd, all_threads=True, chain=False)


install = register
