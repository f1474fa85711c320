"""The run's own user: when the grader is root, every process of a student's
program runs as an unprivileged uid that belongs to that run alone.

A uid is what a program cannot shed: whatever it does to its environment, its
process group or its parent, each process it starts has the run's uid, so the
runner finds and kills them all by it.  And the uid owns nothing but the run's
folder: the grader, the hidden suites, the result files, the CI job's command
files and the other processes' /proc entries (their environment) are out of
its reach.  No account is made: the uids come from a range that no account
uses, each taken for one run by locking a file of its own (a lock that ends
with the grader that held it).  Where the grader is not root, or the
interpreter cannot be run by another user, a run is the grader's own user's,
and the report says so.
"""
import fcntl
import os
import random
import subprocess
import tempfile
from pathlib import Path

import psutil

FIRST_UID = 61000  # the range's uids belong to no account on usual systems
UIDS = 1000
PROBE_UID = FIRST_UID - 1  # tries whether an interpreter starts for another user
NAME = "katas-run"  # what the program sees in USER and LOGNAME

_found = {}  # interpreter -> (what another user can start for it, or None; why not)


def for_another_user(python):
    """(an interpreter another user can start for PYTHON, None), or (None, why
    not: a key of i18n's texts and its values).  A virtual environment's python
    may sit where another user cannot reach it while the interpreter it links to
    is in reach: the program needs only the standard library, so that one does."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
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
    try:
        done = subprocess.run([python, "-I", "-c", "import threading, multiprocessing"],
                              cwd="/", stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=120, env={"PATH": os.defpath},
                              **as_user(PROBE_UID))
    except OSError as e:
        return "unreachable", {"python": python, "error": e.strerror or str(e)[:200]}
    except subprocess.SubprocessError as e:
        return "unreachable", {"python": python, "error": str(e)[:200]}
    if done.returncode:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
        return "unreachable", {"python": python, "error": last[:200]}
    return None


def as_user(uid):
    """Popen arguments that start the child as UID, with a group of the same
    number and no other groups."""
    return {"user": uid, "group": uid, "extra_groups": []}


def slots():
    """The folder of the uids' lock files: root's alone (checked, not trusted)."""
    # One folder for every grader on the machine, whatever its TMPDIR: two
    # graders must never hold the same uid.
    base = Path("/run") if os.path.isdir("/run") and os.access("/run", os.W_OK) \
        else Path(tempfile.gettempdir())
    folder = base / "concurrency-katas-uids"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    info = os.lstat(folder)
    if not (os.path.isdir(folder) and not os.path.islink(folder) and info.st_uid == 0
            and info.st_mode & 0o077 == 0):
        raise RuntimeError("%s is not a folder of root's alone" % folder)
    return folder


class RunUser:
    """A uid of the range, locked for one run (the runner kills its processes
    before and after the run); free() reaps its orphans and removes what it
    left in /dev/shm."""

    def __init__(self):
        folder = slots()
        for n in random.sample(range(UIDS), UIDS):
            fd = os.open(folder / str(n), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue
            self.fd, self.uid = fd, FIRST_UID + n
            return
        raise RuntimeError("every uid of %d..%d is in use by a run" % (FIRST_UID, FIRST_UID + UIDS))

    def popen_args(self):
        return as_user(self.uid)

    def environment(self, home):
        return {"HOME": str(home), "USER": NAME, "LOGNAME": NAME}

    def processes(self):
        """Every live process on the machine that has the run's uid."""
        found = []
        for proc in psutil.process_iter(["uids", "status"]):
            try:
                uids = proc.info["uids"]
                if uids and self.uid in (uids.real, uids.effective, uids.saved) \
                        and proc.info["status"] != psutil.STATUS_ZOMBIE:
                    found.append(proc)
            except psutil.Error:
                continue
        return found

    def free(self):
        for proc in psutil.Process().children():  # orphans of the run reparented to us
            try:
                if proc.status() == psutil.STATUS_ZOMBIE and proc.uids().real == self.uid:
                    os.waitpid(proc.pid, os.WNOHANG)
            except (psutil.Error, OSError):
                continue
        try:
            names = os.listdir("/dev/shm")
        except OSError:
            names = []
        for name in names:  # POSIX semaphores and shared memory the run made
            path = os.path.join("/dev/shm", name)
            try:
                if os.lstat(path).st_uid == self.uid:
                    os.unlink(path)
            except OSError:
                continue
        os.close(self.fd)
