"""The runner: starts a student's program with the harness and contains it.

The program runs as `python FILE`, started by a keeper of the runner's that
leads a process group of its own (main is neither the group's leader nor a
child of the grading), stdout and stderr going to files, under a deadline.
The deadline counts only the run's share of the machine (the clock less the time its threads waited for a CPU that other
tasks had; none while it waits for the disk), so a correct program is not
stopped because the machine is busy; it never stretches beyond MAX_STRETCH
times the deadline.  Temporary
files go to the run's own folder, which is removed with the run.  On a hang
every process of the run is asked for its stacks (faulthandler on SIGUSR1)
before the whole tree is killed.  The grader is a child subreaper, so even a
descendant that called setsid() is reparented to it and found by the sweep;
nothing of a run outlives run_program.
"""
import ctypes
import functools
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil

from grader.run import isolation, proctable
from grader.trace.model import Run, read_run

HARNESS = Path(__file__).parent.parent / "harness"  # sitecustomize.py, which loads the package beside it
OUTPUT_LIMIT = 16 * 1024 * 1024  # bytes per output file (RLIMIT_FSIZE in the run)
TEXT_LIMIT = 1_000_000  # characters of output the harness records per process
MEMORY_LIMIT = 2 * 1024 ** 3  # bytes of address space per process (RLIMIT_AS in the run)
MAX_PROCS = 64  # processes a run may start (the harness refuses more forks)
WATCH_LIMIT = MAX_PROCS + 16  # live processes at which the watchdog stops the run
WATCH_EVERY = 0.2  # seconds between the watchdog's counts
DUMP_LIMIT = 5.0  # seconds a hung run's processes have to write their stacks
MAX_STRETCH = 10  # a busy machine stretches a deadline at most this many times
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
MARKER = "GRADER_RUN"
DROPPED_ENV = ("PYTHONOPTIMIZE", "PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONUNBUFFERED",
               "PYTHONFAULTHANDLER", "PYTHONTRACEMALLOC", "PYTHONDEVMODE", "PYTHONWARNINGS",
               "PYTHONHOME", "PYTHONSAFEPATH", "PYTHONNOUSERSITE", "PYTEST_CURRENT_TEST")
# The grader's own variables, and a CI job's: its files (the job summary, outputs),
# tokens and runner paths are the job's, not the student program's.
DROPPED_PREFIXES = ("GRADER_", "GITHUB_", "ACTIONS_", "RUNNER_", "CLASSROOM50_")


def linux_prctl():
    """Linux's prctl(2) as a function of five ints, or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


PRCTL = linux_prctl()


def become_subreaper():
    """Orphans of a run are reparented to us instead of init (Linux only)."""
    if PRCTL is not None:
        PRCTL(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def environment_now():
    """A copy of os.environ that no other thread's change can break: in a grading
    session pytest sets and removes PYTEST_CURRENT_TEST around every test while
    later runs still start (a variable gone between the copy's look at the
    names and at their values is a KeyError)."""
    while True:
        try:
            return dict(os.environ)
        except (KeyError, RuntimeError):
            continue


def run_environment(file, rundir, run_id, *, start_method, scale, amplify, harness=HARNESS):
    env = {k: v for k, v in environment_now().items()
           if k not in DROPPED_ENV and not k.startswith(DROPPED_PREFIXES)}
    env.update({
        "PYTHONPATH": str(harness),
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "GRADER_TRACE": str(rundir / "trace.jsonl"),
        "TMPDIR": str(rundir / "tmp"),  # not the machine's /tmp, which every run shares
        "GRADER_STACKS": str(rundir),
        "GRADER_STUDENT_FILE": str(file),
        "GRADER_TIME_SCALE": repr(scale),
        "GRADER_TEXT_LIMIT": str(TEXT_LIMIT),
        "GRADER_OUTPUT_LIMIT": str(OUTPUT_LIMIT),
        "GRADER_MEMORY_LIMIT": str(MEMORY_LIMIT),
        "GRADER_FORKS": str(rundir / "forks"),
        "GRADER_MAX_PROCS": str(MAX_PROCS),
        "MALLOC_ARENA_MAX": "2",  # threads need little address space under RLIMIT_AS
        "GRADER_PID": str(os.getpid()),  # the harness refuses to signal it
        MARKER: run_id,
    })
    if start_method and start_method != "default":
        env["GRADER_START_METHOD"] = start_method
    if amplify:
        env["GRADER_AMPLIFY"] = repr(amplify)
    return env


class Keeper:
    """The run's keeper (keeper.py), as the runner sees it: it starts main,
    alone in a new process group, and tells us main's pid and exit status.
    Main's parent is the keeper, not the grader: main is not the leader of its
    group (no pid of the program equals its os.getpgrp(), which a wrong program
    could print for main's pid), one killpg reaches every process of the run,
    and a program that kills the process that started it (a shell's `kill -9`
    of os.getppid()) kills the keeper, not the grading: main dies with it (the
    parent-death signal) and the grader reports and sweeps.  ROOT is how the
    keeper is started as root for a run as a user of its own (isolation.root():
    [] as root, sudo), None for a run as the grader's own user.  The keeper
    reads a pipe from us until its end, so it ends with us even if we are
    killed, and kills what is left of the run as it ends."""

    def __init__(self, workdir, root=None):
        command = (root or []) + [sys.executable, "-I", "-S", str(isolation.KEEPER)]
        self.workdir, self.isolated = workdir, root is not None
        self.pgid = self.uid = self.pid = self.returncode = self.token = None
        self.buffer = b""  # what the keeper's pipe gave beyond the last whole line
        self.lost = False  # the keeper ended before it told main's end
        for attempt in range(3):  # seen once under heavy load: exec failed with EFAULT
            try:
                self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL, env={"PATH": os.defpath},
                                             **in_group(0))
                break
            except OSError:
                if attempt == 2:
                    raise
                time.sleep(0.1)

    def start(self, argv, cwd, env, chown=()):
        """Start main: ARGV in CWD with ENV, its output to WORKDIR's stdout and
        stderr files; for a run as a user of its own, the folders CHOWN become
        the uid's (with our group).  Returns main's pid."""
        self.token = uuid.uuid4().hex
        spec = {"argv": argv, "cwd": str(cwd), "env": env, "workdir": str(self.workdir),
                "token": self.token,
                "stdout": str(self.workdir / "stdout"), "stderr": str(self.workdir / "stderr")}
        if self.isolated:
            spec.update(uids=[isolation.FIRST_UID, isolation.UIDS], gid=os.getgid(),
                        chown=[str(path) for path in chown])
        self._send(json.dumps(spec))
        words = (self._line(60.0) or b"").split()
        if words[:2] != [b"started", self.token.encode()]:
            raise RuntimeError("the run's keeper ended before it started the program")
        self.pgid, uid, self.pid = map(int, words[2:])
        self.uid = uid or None
        return self.pid

    def _send(self, line):
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def _line(self, timeout):
        """The keeper's next line, None if there is none yet within TIMEOUT
        seconds, b"" if the keeper has gone.  Lines without our token are not
        the keeper's (as the grader's own user, the program can write to the
        pipe through /proc/KEEPER/fd/1): they are skipped, and the pipe is
        read as it comes, so a line the program leaves unfinished blocks
        nothing."""
        end = None if timeout is None else time.monotonic() + timeout
        while True:
            while b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                words = line.split()
                if len(words) > 1 and words[1] == self.token.encode():
                    return line.strip()
            left = None if end is None else max(0.0, end - time.monotonic())
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                return b""
            self.buffer += chunk

    def signal(self, signum, procs):
        """Send SIGNUM to PROCS: ourselves, or through the keeper (root) for a
        run as a user of its own, whose processes we may not signal."""
        if self.uid is None or os.geteuid() == 0:
            send_signal(signum, procs)
        elif procs:
            self._send("signal %d %s" % (signum, " ".join(str(p.pid) for p in procs)))

    def kill(self, procs):
        self.signal(signal.SIGKILL, procs)
        psutil.wait_procs(procs, timeout=5)

    def wait(self, timeout=None):
        """Main's exit status (as Popen's returncode) once it has ended;
        subprocess.TimeoutExpired if it runs on after TIMEOUT seconds.  If the
        keeper is gone first, LOST is set and main (killed with it) is reaped
        here, where it was reparented."""
        if self.returncode is not None or self.lost:
            return self.returncode
        line = self._line(timeout)
        if line is None:
            raise subprocess.TimeoutExpired("main", timeout)
        if line.startswith(b"ended "):
            self.returncode = int(line.split()[2])
        else:
            self.lost = True
            self.returncode = reap(self.pid)
        return self.returncode

    def close(self, patience=10.0):
        """Let the keeper go: it kills what is left of the run, removes the
        run's folder and ends; wait for that."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=patience)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()


def reap(pid, patience=5.0):
    """The exit status of PID, a child of ours or about to become one (an
    orphan reparented to us, the subreaper), once it has ended; None if it
    never became ours."""
    end = time.monotonic() + patience
    while time.monotonic() < end:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
        except ChildProcessError:
            if not psutil.pid_exists(pid):
                return None
        time.sleep(0.01)
    return None


def in_group(pgid):
    """Popen arguments that start the child in process group PGID (0: a new one)."""
    if sys.version_info >= (3, 11):
        return {"process_group": pgid}
    return {"preexec_fn": lambda: os.setpgid(0, pgid)}


def processes_of(run_id, pgid, user=None, shared=False):
    """Every live process of the run: the descendants of its keeper PGID (the
    run's orphans among them: it is their subreaper), any child of ours of its
    process group or with the run's marker (the keeper's orphans, reparented
    to us if the keeper died) with its descendants, and every process of the
    run's USER (a RunUser), wherever it is.  SHARED: from the process table
    every watched run shares (proctable), so that watching many runs stays
    light; else from the table as it is now."""
    now = proctable.table(shared)
    pids = proctable.descendants(proctable.children_of(pgid, now), now)
    for pid in proctable.children_of(os.getpid(), now):
        if pid == pgid or pid in pids:
            continue
        try:
            if os.getpgid(pid) == pgid or psutil.Process(pid).environ().get(MARKER) == run_id:
                pids |= proctable.descendants([pid], now)
        except (psutil.Error, OSError):
            continue
    if user:
        pids.update(proctable.with_uid(user.uid, now))
    pids.discard(pgid)
    found = []
    for pid in sorted(pids):
        try:
            found.append(psutil.Process(pid))
        except psutil.Error:
            continue
    return found


def marked_processes(prefix):
    """Every process on the machine whose run marker starts with PREFIX (a run
    tag given through GRADER_RUN_TAG, or a whole run id)."""
    found = []
    for proc in psutil.process_iter():
        try:
            if proc.environ().get(MARKER, "").startswith(prefix):
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


def settle(run_id, pgid, user=None, grace=1.0):
    """What is still running once main has ended, after a grace period in which
    multiprocessing's helpers (resource tracker, fork server) exit by themselves."""
    end = time.monotonic() + grace
    while True:
        procs = processes_of(run_id, pgid, user)
        if not procs or time.monotonic() > end:
            return procs
        time.sleep(0.02)


def sweep(run_id, pgid, user, kill, rounds=5):
    """What was still running of the run once main had ended and the grace
    period was over, each described as it was seen, all of it killed.  Looked
    for again after each kill: a process seen an instant before it forked
    and ended (fork, setsid, fork) is gone when described, while the child
    it left is in no earlier look."""
    seen = {}
    remaining = settle(run_id, pgid, user)
    for _ in range(rounds):
        if not remaining:
            break
        for proc in remaining:
            seen.setdefault(proc.pid, describe(proc))
        kill(remaining)
        remaining = processes_of(run_id, pgid, user)
    return list(seen.values())


def describe(proc):
    try:
        return {"pid": proc.pid, "cmdline": " ".join(proc.cmdline())[:200]}
    except psutil.Error:
        return {"pid": proc.pid, "cmdline": "?"}


def is_helper(info):
    """The fork server and the resource tracker end by themselves with main."""
    cmd = info["cmdline"]
    return cmd in ("", "?") or "multiprocessing.forkserver" in cmd or "resource_tracker" in cmd


def thread_files(pid, name):
    """{thread id: text of /proc/PID/task/TID/NAME} for every thread of PID
    (Linux); None where the system does not tell."""
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return None
    found = {}
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/%s" % (pid, tid, name)) as f:
                found[tid] = f.read()
        except OSError:
            continue
    return found


def signal_masks(pid):
    """{thread id: (pending, blocked)} signal masks of each thread of PID, the
    process-wide pending ones included (/proc/PID/task/TID/status)."""
    masks = {}
    for tid, text in (thread_files(pid, "status") or {}).items():
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        try:
            masks[tid] = (int(fields["SigPnd"], 16) | int(fields["ShdPnd"], 16),
                          int(fields["SigBlk"], 16))
        except (KeyError, ValueError):
            continue
    return masks


def dumping(masks, before, bit):
    """Whether a process is yet to finish its stack dump: the signal is still
    pending, or a thread is handling it (faulthandler's handler runs with its
    signal blocked, and the thread had not blocked it before)."""
    return any(pending & bit or (blocked & bit and not before.get(tid, (0, 0))[1] & bit)
               for tid, (pending, blocked) in masks.items())


def dump_stacks(procs, workdir, limit=DUMP_LIMIT, send=None):
    """Ask every process for the stacks of all its threads (SEND(signum,
    procs) signals them: the keeper's for a uid we may not signal; ours by
    default) and wait
    until each has written them all, for at most LIMIT seconds.  A dump is
    many writes: a busy machine can pause it halfway, and a kill then would
    cut it short."""
    bit = 1 << (signal.SIGUSR1 - 1)
    before = {p.pid: signal_masks(p.pid) for p in procs}
    (send or send_signal)(signal.SIGUSR1, procs)
    end = time.monotonic() + limit
    if not os.path.isdir("/proc/self/task"):  # no /proc: wait for the files to stop growing
        files = [workdir / ("stacks-%d.txt" % p.pid) for p in procs]
        sizes = None
        while time.monotonic() < end:
            time.sleep(0.2)
            now = [f.stat().st_size if f.exists() else 0 for f in files]
            if now == sizes and all(now):
                return
            sizes = now
        return
    # A thread that takes the signal is, for a moment, neither pending it nor
    # blocking it (the kernel has dequeued it and not yet entered the handler):
    # seen then, it looks done before it began (up to one hang report in five
    # on an idle machine lacked a thread).  So a process is done when two looks
    # in a row find it not dumping, and its dump file (where the harness made
    # one) non-empty and no longer growing, or when it is gone.
    # A dump is also whole only once it holds the stack of the thread the
    # harness named at the file's top, the last one faulthandler writes.
    files = {p.pid: workdir / ("stacks-%d.txt" % p.pid) for p in procs}
    last = {}
    while time.monotonic() < end:
        now = {p.pid: (dumping(signal_masks(p.pid), before[p.pid], bit), _size(files[p.pid]),
                       _alive(p)) for p in procs}
        if all(not alive or (not busy and last.get(pid) == (False, size, True) and size != 0
                             and dump_is_whole(files[pid]))
               for pid, (busy, size, alive) in now.items()):
            return
        last = now
        time.sleep(0.01)


MAIN_THREAD = re.compile(rb"^main thread (0x[0-9a-f]+)\n")


def dump_is_whole(path):
    """Whether the dump file at PATH holds the stack of the thread its first
    line names (its header and a line after it), or ends where faulthandler
    stops (a hundred threads: '...'); True where there is no file or no such
    line."""
    try:
        with open(path, "rb") as f:
            text = f.read(1 << 20)
    except OSError:
        return True
    named = MAIN_THREAD.match(text)
    head = rb"^(?:Current thread|Thread) %s\b.*\n.*\n" % named.group(1) if named else b""
    return not named or text.endswith(b"\n...\n") or re.search(head, text, re.M) is not None


def _size(path):
    """The size of the file at PATH, None if there is none."""
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def _alive(proc):
    try:
        return proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def send_signal(signum, procs):
    """Send SIGNUM to each of PROCS (psutil processes) that is still there."""
    for proc in procs:
        try:
            proc.send_signal(signum)
        except psutil.Error:
            pass


def kill_all(procs):
    send_signal(signal.SIGKILL, procs)
    psutil.wait_procs(procs, timeout=5)


def runnable():
    """Tasks ready to run on the machine now, running or waiting for a CPU
    (Linux's /proc/loadavg); None where the system does not tell."""
    try:
        with open("/proc/loadavg") as f:
            return int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None


def states(procs):
    """The scheduler state of every thread of PROCS ('R' ready to run, 'S'
    sleeping, 'D' waiting for the disk, ...): Linux's /proc/PID/task/TID/stat."""
    found = []
    for proc in procs:
        for text in (thread_files(proc.pid, "stat") or {}).values():
            fields = text.rpartition(")")[2].split()
            if fields:
                found.append(fields[0])
    return found


def cpu_times(procs):
    """{(pid, thread id): (nanoseconds on a CPU, nanoseconds waited for one,
    ready to run)} for every thread of PROCS (Linux's
    /proc/PID/task/TID/schedstat); None where the system does not tell."""
    found = {}
    for proc in procs:
        for tid, text in (thread_files(proc.pid, "schedstat") or {}).items():
            fields = text.split()
            if len(fields) >= 2 and fields[0].isdigit() and fields[1].isdigit():
                found[(proc.pid, tid)] = (int(fields[0]), int(fields[1]))
    return found or None


class MachineShare:
    """The share of the machine a run had since it was last asked, from 0 to 1:
    none while a thread of the run waits for the disk; else one less the time
    the run was held back by other programs, as a part of the time asked about.

    The run's threads were ready to run (on a CPU or waiting for one) for so
    many seconds in all: on average A of them at once.  On its own the run
    would have kept min(A, CORES) CPUs busy, so its threads' waits beyond
    (A - CORES) times the span are other programs' doing.  Those waits held the
    run back as far as its threads could have run side by side: divided by
    min(A, CORES), and by no less than one.  So threads that wait in turns (a
    lock passed from process to process) are held back by all their waits,
    threads that run side by side by their waits spread over the CPUs, the
    run's own busy threads do not stretch its deadline, and a run that mostly
    sleeps loses no more than its wake-ups waited.  Where threads' times are
    not told: a CPU's share among the tasks ready to run that are not the
    run's own."""

    def __init__(self):
        self.last, self.times = time.monotonic(), {}

    def __call__(self, procs):
        now = time.monotonic()
        span, self.last = now - self.last, now
        ready = runnable()
        if ready is None:
            return 1.0
        mine = states(procs)
        if "D" in mine:
            return 0.0
        times = cpu_times(procs)
        if times is None or span <= 0:
            return min(1.0, CORES / max(1, ready - mine.count("R")))
        before, self.times = self.times, times
        grown = [(cpu - before.get(k, (0, 0))[0], waited - before.get(k, (0, 0))[1])
                 for k, (cpu, waited) in times.items()]
        wanted = sum(cpu + waited for cpu, waited in grown) / 1e9  # seconds ready to run
        waited = sum(waited for _, waited in grown) / 1e9
        at_once = wanted / span
        others = waited - max(0.0, at_once - CORES) * span  # the waits others caused
        held_back = others / max(1.0, min(at_once, CORES))
        return 1.0 - min(1.0, max(0.0, held_back) / span)


def watch(main, run_id, deadline, began, rundir, share=None, user=None):
    """Wait for main to end, counting the run's processes now and then.  The
    deadline counts the clock's seconds times the run's SHARE of the machine
    (a busy machine stretches it; the run's own busy threads do not), and ends
    at the latest after MAX_STRETCH times the deadline on the clock.
    Returns (timed out, number of live processes if there were too many,
    deadlocked: the harness saw threads wait for each other's locks)."""
    counted, last = 0.0, began
    share = share or MachineShare()
    while True:
        # the run's processes now: one born since the last count (a busy machine
        # may make counts seconds apart) is among those whose waits are counted
        procs = processes_of(run_id, getattr(main, "pgid", main.pid), user,  # the keeper's
                             shared=True)
        if len(procs) >= WATCH_LIMIT:
            return False, len(procs), False
        now = time.monotonic()
        counted += (now - last) * share(procs or [main])
        last = now
        left = min(deadline - counted, deadline * MAX_STRETCH - (now - began))
        if left <= 0:
            return True, None, False
        try:
            main.wait(timeout=min(WATCH_EVERY, left))
            return False, None, False
        except subprocess.TimeoutExpired:
            pass
        if (rundir / "deadlock").exists():
            return False, None, True


def interpreter(python):
    """PYTHON as a path that means the same from any folder."""
    return os.path.abspath(python) if os.sep in python else shutil.which(python) or python


@functools.lru_cache(maxsize=None)
def compile_harness(python):
    """The harness's bytecode for PYTHON, beside its source (once per grading
    process and interpreter; files already compiled are kept): every process
    of every run loads it instead of compiling the harness again, since runs
    write no bytecode.  Where the grader may not write there, each process
    compiles it as it loads, which is slower but the same."""
    try:
        if os.path.realpath(python) == os.path.realpath(sys.executable):
            import compileall
            compileall.compile_dir(str(HARNESS), quiet=2)
        else:
            subprocess.run([python, "-I", "-m", "compileall", "-q", "-q", str(HARNESS)],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=60)
    except (OSError, subprocess.SubprocessError):
        pass


def prepare(workdir, file, isolated):
    """(the folder the program may write, the file to run, the harness's
    folder).  For a run as a user of its own (ISOLATED): the program's own
    folder, which the keeper makes the uid's (ours to read), with a copy of
    FILE and of the harness beside it, inside WORKDIR, which the user may
    pass through but not read."""
    if not isolated:
        (workdir / "tmp").mkdir()
        return workdir, file, HARNESS
    os.chmod(workdir, 0o711)
    harness = workdir / "harness"  # its bytecode stays valid: copy2 keeps the times
    shutil.copytree(HARNESS, harness)
    for folder, _, names in os.walk(harness):
        os.chmod(folder, 0o755)
        for name in names:
            os.chmod(os.path.join(folder, name), 0o644)
    rundir = workdir / "run"
    rundir.mkdir()
    (rundir / "tmp").mkdir()
    program = rundir / file.name
    shutil.copyfile(file, program)
    for path, mode in ((program, 0o644), (rundir, 0o750), (rundir / "tmp", 0o700)):
        os.chmod(path, mode)
    return rundir, program, harness


def run_program(file, *, start_method=None, scale=1.0, deadline=10.0, amplify=None,
                python=sys.executable):
    """Run FILE as a script with the harness and return what happened as a Run:
    as a user of its own where the grader can arrange it (isolation.py)."""
    file = Path(file).resolve()
    if not file.is_file():
        return Run.missing_file(file, start_method)
    become_subreaper()
    python = interpreter(python)
    reachable, _ = isolation.for_another_user(python)
    root = isolation.root() if reachable else None
    python = reachable or python
    compile_harness(python)
    workdir = Path(tempfile.mkdtemp(prefix="grader-run-"))
    keeper = user = None
    try:
        rundir, program, harness = prepare(workdir, file, root is not None)
        run_id = os.environ.get("GRADER_RUN_TAG", "") + uuid.uuid4().hex
        env = run_environment(program, rundir, run_id, start_method=start_method,
                              scale=scale, amplify=amplify, harness=harness)
        env.update(isolation.environment(rundir) if root is not None else {})
        keeper = Keeper(workdir, root)
        began = time.monotonic()
        keeper.start([python, str(program)], program.parent, env,
                     chown=(rundir, rundir / "tmp"))
        user = isolation.RunUser(keeper.uid) if keeper.uid else None
        pgid = keeper.pgid
        timed_out, too_many, deadlocked = watch(keeper, run_id, deadline, began, rundir,
                                                user=user)
        if timed_out or too_many or deadlocked or keeper.lost:
            procs = processes_of(run_id, pgid, user)
            if timed_out or deadlocked:
                dump_stacks(procs, rundir, send=keeper.signal)
            keeper.kill(procs)
            try:
                keeper.wait(DUMP_LIMIT)
            except subprocess.TimeoutExpired:  # main was killed; the keeper did not say so
                keeper.returncode = -signal.SIGKILL
        elapsed = time.monotonic() - began
        leftovers = [dict(l, cmdline=l["cmdline"].replace(str(program), str(file)))
                     for l in sweep(run_id, pgid, user, keeper.kill)]
        return read_run(workdir, rundir=rundir, file=file, main_pid=keeper.pid,
                        exit_code=keeper.returncode, timed_out=timed_out, too_many=too_many,
                        deadline=deadline, elapsed=elapsed,
                        start_method=start_method or "default", scale=scale,
                        leftovers=[l for l in leftovers if not is_helper(l)],
                        aliases={str(program): str(file), str(harness): str(HARNESS)}
                        if user else None,
                        as_user=user and user.uid, keeper=(keeper.pgid, keeper.lost))
    finally:
        if keeper is not None:
            keeper.close()
        if user is not None:
            user.free()
        shutil.rmtree(workdir, ignore_errors=True)
