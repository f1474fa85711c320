"""Hangs: where was every thread?  On SIGUSR1 a process writes the stacks of
all its threads to stacks-PID.txt in the run's folder (faulthandler), for the
runner's report of a run that did not end."""
import _signal  # signal's own module: `signal` builds enums
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
    faulthandler.register(_signal.SIGUSR1, file=stacks_fd, all_threads=True, chain=False)


install = register
