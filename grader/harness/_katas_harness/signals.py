"""How the program's processes end and signal each other, and the commands
its file runs: recorded with their line (calls from the student's file only).

Main's parent is the run's keeper, the grader's: a signal to it
(os.kill(os.getppid(), ...) in main, an honest mix-up of parent and child),
to the grader, to the grader's process group, or to every process (-1) is
refused, so a run can never end its own grading.  A command the file runs (a
shell's `kill -9 PID` gets past os.kill) is recorded, so a report can name it."""
import os
import sys

from .core import caller_in_student, emit, name_of, short, where

orig_os_exit = os._exit
orig_sys_exit = sys.exit
orig_os_kill = os.kill
orig_killpg = os.killpg
grader_pid = keeper_pid = grader_group = 0


def os_exit(code):
    at = caller_in_student()
    if at:
        emit("os_exit", code=code, at=at)
    orig_os_exit(code)


def sys_exit(code=None):
    at = caller_in_student()
    if at:
        emit("sys_exit", code=short(code), at=at)
    orig_sys_exit(code)


def refuse(target, sig, at):
    emit("kill_refused", target=target, sig=int(sig), at=at or where())
    import errno
    raise PermissionError(errno.EPERM, "Operation not permitted: process %s is the grader, "
                                       "not part of your program" % target)


def kill(pid, sig):
    at = caller_in_student()
    if grader_pid and (pid in (grader_pid, keeper_pid, -1)
                       or (grader_group and pid == -grader_group)):
        refuse(pid, sig, at)
    if at:
        emit("kill_sent", target=pid, sig=int(sig), at=at)
    return orig_os_kill(pid, sig)


def killpg(pgid, sig):
    at = caller_in_student()
    if grader_group and pgid == grader_group:
        refuse(-pgid, sig, at)
    if at:
        emit("kill_sent", target=-pgid if pgid else 0, sig=int(sig), at=at)
    return orig_killpg(pgid, sig)


def command_text(*args, **kwargs):
    cmd = kwargs.get("args", args[0] if args else "?")
    if isinstance(cmd, bytes):
        cmd = cmd.decode("utf-8", "replace")
    return cmd if isinstance(cmd, str) else " ".join(str(a) for a in cmd)


def recording_command(module, name, text_of=None):
    """MODULE.NAME recording each call from the file; it pickles by its name,
    as the original does."""
    orig = getattr(module, name)

    def wrapper(*args, **kwargs):
        at = caller_in_student()
        if at:
            try:
                text = (text_of or command_text)(*args, **kwargs)
            except Exception:
                text = "?"
            emit("command", text=text[:300], at=at)
        return orig(*args, **kwargs)
    wrapper.__module__, wrapper.__qualname__, wrapper.__name__ = (
        module.__name__ if type(module) is type(os) else orig.__module__,
        getattr(orig, "__qualname__", name), name)
    wrapper.__doc__ = orig.__doc__
    setattr(module, name, wrapper)


def trace_signal_handlers():
    import signal
    orig_signal = signal.signal

    def set_signal(signum, handler):
        at = caller_in_student()
        if at:
            how = {signal.SIG_IGN: "SIG_IGN", signal.SIG_DFL: "SIG_DFL"}.get(handler, None)
            emit("signal_set", signum=int(signum), handler=how or name_of(handler), at=at)
        return orig_signal(signum, handler)

    signal.signal = set_signal


def install(environ=os.environ, uses_subprocess=False, uses_signal=False):
    global grader_pid, keeper_pid, grader_group
    grader_pid = int(environ.get("GRADER_PID", "0"))
    keeper_pid = int(environ.get("GRADER_KEEPER", "0"))
    try:
        grader_group = os.getpgid(grader_pid) if grader_pid else 0
    except OSError:
        grader_group = 0
    recording_command(os, "system")
    recording_command(os, "popen")
    if uses_subprocess:
        import subprocess
        for name in ("run", "call", "check_call", "check_output", "getoutput",
                     "getstatusoutput"):
            recording_command(subprocess, name)
        recording_command(subprocess.Popen, "__init__", lambda self, *a, **k: command_text(*a, **k))
    os._exit = os_exit
    sys.exit = sys_exit
    os.kill = kill
    os.killpg = killpg
    if uses_signal:
        trace_signal_handlers()
