"""The keeper of one run: the process that starts main, waits for it and
tells the runner how it ended; main's parent, so a program that kills the
process that started it kills the keeper, not the grading; a child subreaper,
so every orphan of the run, however it hid, is its descendant.

The runner starts it with `python -I -S keeper.py` (standard library only),
alone in a new process group, as root where the run is a user of its own
(directly, or through passwordless sudo where the grader is not root).  Then:

  in:  one JSON line: what to run, where, and whether as a user of its own
  out: "started TOKEN KEEPER_PID UID MAIN_PID", later "ended TOKEN EXIT_CODE"
       (TOKEN is the spec's: as the grader's own user, the program can write
       to this pipe through /proc, but it cannot know TOKEN)
  in:  "signal SIGNUM PID ..." (stack dumps, kills: root's signals, for a uid
       the grader cannot signal itself)
  in:  the end of input (the run is over, or the grader died): every process
       of the run's uid and of its group is killed, what the uid left in
       /dev/shm is removed, the run's folder is removed, and the keeper ends.

A user of its own is a uid from a range that no account uses, taken for this
run alone by locking a file of its own in a folder of root's: the lock ends
with the keeper.  `keeper.py probe UID PYTHON ARGS...` runs PYTHON ARGS as UID.
"""
import ctypes
import fcntl
import json
import os
import random
import shutil
import signal
import sys
import time
import _thread

LOCKS = "/run/concurrency-katas-uids"
# The keeper ignores what a program's signal to its own process group may
# carry, so only SIGKILL ends it; main gets them back, with the two Python
# ignores (as Popen's restore_signals does).
IGNORED = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
           signal.SIGUSR2)
RESTORED = IGNORED + (signal.SIGPIPE, signal.SIGXFSZ)


def drop_to(uid):
    """This process becomes UID, with a group of the same number and no other."""
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)


def take_uid(first, count):
    """(a uid of FIRST..FIRST+COUNT that no other run holds, the open lock file
    that holds it)."""
    try:
        os.mkdir(LOCKS, 0o700)
    except FileExistsError:
        pass
    info = os.lstat(LOCKS)
    if not (os.path.isdir(LOCKS) and not os.path.islink(LOCKS) and info.st_uid == 0
            and info.st_mode & 0o077 == 0):
        raise RuntimeError("%s is not a folder of root's alone" % LOCKS)
    for n in random.sample(range(count), count):
        fd = os.open(os.path.join(LOCKS, str(n)), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        return first + n, fd
    raise RuntimeError("every uid of %d..%d is in use by a run" % (first, first + count - 1))


def kill_uid(uid):
    """Kill every process of UID, as UID (kill(-1) reaches exactly those)."""
    pid = os.fork()
    if pid == 0:
        try:
            drop_to(uid)
            os.kill(-1, 9)
        finally:
            os._exit(0)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:  # the reaper took it first
        while os.path.exists("/proc/%d" % pid):
            time.sleep(0.01)


def remove_shm(uid):
    """POSIX semaphores and shared memory that UID left in /dev/shm."""
    try:
        names = os.listdir("/dev/shm")
    except OSError:
        return
    for name in names:
        path = os.path.join("/dev/shm", name)
        try:
            if os.lstat(path).st_uid == uid:
                os.unlink(path)
        except OSError:
            continue


def of_the_run(pid, uid):
    """Whether PID is a process of this run: of its uid, or in the keeper's group."""
    try:
        if os.getpgid(pid) == os.getpgrp():
            return True
        with open("/proc/%d/status" % pid) as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return bool(uid) and str(uid) in fields.get("Uid", "").split()
    except (OSError, ValueError):
        return False


try:
    PRCTL = ctypes.CDLL(None, use_errno=True).prctl  # Linux's prctl(2)
except (OSError, AttributeError):
    PRCTL = None


def start(spec, uid):
    """Fork and exec main as SPEC says, as UID (0: as we are); its pid."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
    out, err = (os.open(spec[name], flags, 0o644) for name in ("stdout", "stderr"))
    null = os.open(os.devnull, os.O_RDONLY)
    prctl = PRCTL
    me = os.getpid()
    pid = os.fork()
    if pid == 0:
        try:
            for fd, to in ((null, 0), (out, 1), (err, 2)):
                os.dup2(fd, to)
            os.closerange(3, 65536)
            os.chdir(spec["cwd"])
            for signum in RESTORED:
                signal.signal(signum, signal.SIG_DFL)
            if uid:
                drop_to(uid)
            if prctl is not None:
                prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG: SIGKILL when the keeper dies
                if os.getppid() != me:
                    os._exit(137)
            env = dict(spec["env"], GRADER_KEEPER=str(me))  # the harness refuses to signal it
            os.execve(spec["argv"][0], spec["argv"], env)
        except BaseException as e:
            os.write(2, ("the grader could not start %s: %s\n" % (spec["argv"][0], e)).encode())
        os._exit(127)
    for fd in (out, err, null):
        os.close(fd)
    return pid


def main():
    if sys.argv[1:2] == ["probe"]:
        drop_to(int(sys.argv[2]))
        try:
            os.execv(sys.argv[3], sys.argv[3:])
        except OSError as e:
            sys.exit(e.strerror or str(e))
    spec = json.loads(sys.stdin.buffer.readline())
    try:
        os.setpgid(0, 0)  # through sudo we are not yet the leader of a group
    except OSError:
        pass
    for signum in IGNORED:
        signal.signal(signum, signal.SIG_IGN)
    if PRCTL is not None:  # PR_SET_CHILD_SUBREAPER: the run's orphans become ours,
        PRCTL(36, 1, 0, 0, 0)  # however they hid (new session, empty environment)
    uid = 0
    if spec.get("uids"):
        uid, _lock = take_uid(*spec["uids"])
        kill_uid(uid)  # what a grader that died while it held this uid left running
        for path in spec.get("chown", []):  # the uid's, ours to read: new files get our group
            mode = os.lstat(path).st_mode & 0o777
            os.chown(path, uid, spec["gid"])
            os.chmod(path, mode | 0o2000)
    pid = start(spec, uid)
    token = spec["token"].encode()  # a program that writes to our pipe cannot know it
    os.write(1, b"started %s %d %d %d\n" % (token, os.getpid(), uid, pid))

    def reap():
        """Tell main's end; reap the run's orphans, which are ours, as they end."""
        while True:
            try:
                done, status = os.waitpid(-1, 0)
            except ChildProcessError:
                time.sleep(0.05)
                continue
            if done == pid:
                # the newline first ends whatever a program left unfinished in the pipe
                os.write(1, b"\nended %s %d\n" % (token, os.waitstatus_to_exitcode(status)))

    _thread.start_new_thread(reap, ())
    for line in sys.stdin.buffer:
        words = line.split()
        if words[:1] == [b"signal"]:
            for target in map(int, words[2:]):
                if of_the_run(target, uid):
                    try:
                        os.kill(target, int(words[1]))
                    except OSError:
                        pass
    if uid:
        kill_uid(uid)
        remove_shm(uid)
    shutil.rmtree(spec["workdir"], True)
    os.killpg(0, 9)


if __name__ == "__main__":
    main()
