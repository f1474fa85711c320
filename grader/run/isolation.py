"""The run's own user: where the grader is root, or can become root through
passwordless sudo (GitHub's hosted runners), every process of a student's
program runs as an unprivileged uid that belongs to that run alone.

A uid is what a program cannot shed: whatever it does to its environment, its
process group or its parent, each process it starts has the run's uid, so the
runner finds and kills them all by it.  And the uid owns nothing but the run's
folder: the grader, the hidden suites, the result files, the CI job's command
files and the other processes' /proc entries (their environment) are out of
its reach.  No account is made: the run's keeper (keeper.py, root) takes a uid
from a range that no account uses for that run alone, and does what only root
may: it starts main as the uid, signals the uid's processes for the grader and
kills them all at the end.  Where the grader can become root in no way, or the
interpreter cannot be run by another user, a run is the grader's own user's,
and the report says so.
"""
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psutil

FIRST_UID = 61000  # the range's uids belong to no account on usual systems
UIDS = 1000
PROBE_UID = FIRST_UID - 1  # tries whether an interpreter starts for another user
NAME = "katas-run"  # what the program sees in USER and LOGNAME
KEEPER = Path(__file__).with_name("keeper.py")

_found = {}  # interpreter -> (what another user can start for it, or None; why not)


@functools.lru_cache(maxsize=None)
def root():
    """How this grader starts a process as root: [] if it is root, sudo's
    command if sudo works without a password, None if it cannot."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return []
    sudo = shutil.which("sudo")
    if not sudo:
        return None
    try:
        done = subprocess.run([sudo, "-n", "true"], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return [sudo, "-n", "--"] if done.returncode == 0 else None


def for_another_user(python):
    """(an interpreter another user can start for PYTHON, None), or (None, why
    not: a key of i18n's texts and its values).  A virtual environment's python
    may sit where another user cannot reach it while the interpreter it links to
    is in reach: the program needs only the standard library, so that one does."""
    if root() is None:
        return None, ("not_root", {})
    if python not in _found:
        why = _probe(python)
        real = os.path.realpath(python)
        if why is not None and real != python and _probe(real) is None:
            _found[python] = real, None
        else:
            _found[python] = (python if why is None else None), why
    return _found[python]


def _probe(python):
    """None if another user can start PYTHON and import what a run needs, else why not."""
    command = list(root()) + [sys.executable, "-I", "-S", str(KEEPER), "probe", str(PROBE_UID),
                        python, "-I", "-c", "import threading, multiprocessing"]
    try:
        done = subprocess.run(command, cwd="/", stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120,
                              env={"PATH": os.defpath})
    except OSError as e:
        return "unreachable", {"python": python, "error": e.strerror or str(e)[:200]}
    except subprocess.SubprocessError as e:
        return "unreachable", {"python": python, "error": str(e)[:200]}
    if done.returncode:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
        return "unreachable", {"python": python, "error": last[:200]}
    return None


def environment(home):
    """What a run as a user of its own has in its environment for its user."""
    return {"HOME": str(home), "USER": NAME, "LOGNAME": NAME}


class RunUser:
    """The uid the run's keeper took for one run, as the grader sees it."""

    def __init__(self, uid):
        self.uid = uid

    def free(self):
        """Reap the run's orphans that were reparented to us (the subreaper)."""
        for proc in psutil.Process().children():
            try:
                if proc.status() == psutil.STATUS_ZOMBIE and proc.uids().real == self.uid:
                    os.waitpid(proc.pid, os.WNOHANG)
            except (psutil.Error, OSError):
                continue
