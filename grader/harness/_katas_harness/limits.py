"""Containment inside the run's processes: resource limits, and a budget of
processes for the whole run.

Root is not held back by RLIMIT_NPROC, so every fork of every process of the
run appends one byte to a shared file; past the budget a fork fails as it
would at the system's limit (EAGAIN).  The runner's watchdog stops whatever
gets past this (a fork from C code, os.system)."""
import os
import sys

from . import core
from .core import emit, where

forks_path = None
max_procs = 0
processes = False  # whether the student's file uses multiprocessing (set by install)
orig_fork = os.fork


def set_limits(environ):
    import resource
    for var, kind in (("GRADER_OUTPUT_LIMIT", resource.RLIMIT_FSIZE),
                      ("GRADER_MEMORY_LIMIT", resource.RLIMIT_AS)):
        limit = int(environ.get(var, "0"))
        if limit:
            try:
                resource.setrlimit(kind, (limit, limit))
            except (ValueError, OSError):
                pass


def take_fork_budget():
    if not (forks_path and max_procs):
        return
    try:
        ffd = os.open(forks_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(ffd, b".")
            used = os.fstat(ffd).st_size
        finally:
            os.close(ffd)
    except OSError:
        return
    if used > max_procs:
        emit("fork_refused", limit=max_procs, at=where(sys._getframe(2)))
        import errno
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable: the grader "
                              "lets a program start at most %d processes" % max_procs)


def fork():
    # The fork server forks for a process that asked it to and has paid
    # already (below): refused there, the fork server would die and every
    # later start() of the run would hang waiting for it.  A file that hides
    # its import of multiprocessing paid nothing, so it pays here.
    if not (processes and sys._getframe(1).f_code.co_filename.endswith(
            os.path.join("multiprocessing", "forkserver.py"))):
        take_fork_budget()
    return orig_fork()



def budget_forkserver():
    import multiprocessing.context
    server_popen = multiprocessing.context.ForkServerProcess._Popen

    def forkserver_popen(process_obj):
        take_fork_budget()
        return server_popen(process_obj)

    multiprocessing.context.ForkServerProcess._Popen = staticmethod(forkserver_popen)


def budget_fork_exec():
    try:
        import _posixsubprocess
        orig_fork_exec = _posixsubprocess.fork_exec

        def fork_exec(*args, **kwargs):
            take_fork_budget()
            return orig_fork_exec(*args, **kwargs)

        _posixsubprocess.fork_exec = fork_exec
    except (ImportError, AttributeError):
        pass


def install(environ=os.environ, uses_processes=False):
    global forks_path, max_procs, processes
    set_limits(environ)
    forks_path = environ.get("GRADER_FORKS")
    max_procs = int(environ.get("GRADER_MAX_PROCS", "0"))
    processes = uses_processes
    os.fork = fork
    if processes:
        budget_forkserver()
    budget_fork_exec()
