"""The runner contains broken programs: hangs are stopped with every thread's
stack, orphans that left the session are swept, floods are capped, and
crashes are reported with the student's traceback."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil
import pytest

from grader.kata.checks import THREAD, Mistake, fatal_problem, program_runs
from grader.run import runner
from grader.run.runner import MAX_STRETCH, MachineShare, run_program, runnable, watch


def write(tmp_path, source, name="prog.py"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def alive_with(path):
    found = []
    for proc in psutil.process_iter(["cmdline", "status"]):
        try:
            if proc.info["status"] != psutil.STATUS_ZOMBIE and str(path) in " ".join(
                    proc.info["cmdline"] or []):
                found.append(proc.pid)
        except psutil.Error:
            pass
    return found


def verdict(run):
    with pytest.raises(Mistake) as caught:
        program_runs(run)
    return caught.value


def test_hang_is_stopped_with_stacks_and_nothing_survives(tmp_path):
    path = write(tmp_path, """
        import multiprocessing, threading, time

        def forever():
            threading.Event().wait()

        def child():
            time.sleep(3600)

        if __name__ == "__main__":
            multiprocessing.Process(target=child).start()
            t = threading.Thread(target=forever, name="Waiter")
            t.start()
            print("started", flush=True)
            t.join()
        """)
    began = time.monotonic()
    run = run_program(path, deadline=2)
    assert time.monotonic() - began < 2 * MAX_STRETCH + 6
    assert run.timed_out and fatal_problem(run).startswith("the program did not finish")
    mistake = verdict(run)
    assert "still running after 2 s" in mistake.got
    assert "thread Waiter at line 5 in forever: threading.Event().wait()" in mistake.got
    assert "thread MainThread at line 15 in <module>: t.join()   (waiting in join)" in mistake.got
    assert "in process child (pid" in mistake.got  # the child's stack too
    assert "line 8 in child: time.sleep(3600)" in mistake.got
    assert [l.text for l in run.lines] == ["started"]
    assert alive_with(path) == []


def spinners(n, cpu):
    """N busy loops, all on CPU number CPU."""
    procs = [subprocess.Popen([sys.executable, "-c", "print(flush=True)\nwhile True: pass"],
                              stdout=subprocess.PIPE) for _ in range(n)]
    for proc in procs:
        os.sched_setaffinity(proc.pid, {cpu})
    return procs


def sleeping():
    """A process that sleeps for a minute."""
    return subprocess.Popen([sys.executable, "-c", "import time; print(flush=True); "
                             "time.sleep(60)"], stdout=subprocess.PIPE)


def started(procs):
    """Wait until each of PROCS (spinners(), sleeping()) has begun its loop or
    its sleep: a loaded machine can take seconds to start a Python, and one
    still starting competes for nothing."""
    for proc in procs:
        proc.stdout.readline()


def stop(procs):
    for proc in procs:
        proc.kill()
        proc.wait()


def average_share(procs, seconds=1.5):
    share, values = MachineShare(), []
    share(procs)  # what the processes waited before is not the run's
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.1)
        values.append(share(procs))
    return sum(values) / len(values)


@pytest.mark.skipif(runnable() is None or not hasattr(os, "sched_setaffinity")
                    or runner.cpu_times([psutil.Process()]) is None, reason="Linux's /proc")
def test_the_run_s_share_of_the_machine_is_measured():
    """A run's share is what it did not spend waiting for a CPU that others
    had: a sleeping run waits for hardly any (on a loaded machine each of its
    wake-ups may wait a little: 0.97 was seen with two busy loops per core), a
    busy run on a CPU with three other busy loops waits about three quarters
    of the time: it is told at most half (0.17-0.22 beside a benchmark's busy
    loops, and once 0.40)."""
    cpu = sorted(os.sched_getaffinity(0))[-1]
    others = spinners(3, cpu)
    sleeper, starved = sleeping(), spinners(1, cpu)
    try:
        started(others + starved + [sleeper])
        assert runnable() >= 4
        assert average_share([sleeper]) >= 0.9
        assert average_share(starved) <= 0.5
    finally:
        stop(others + starved + [sleeper])


@pytest.mark.parametrize("threads, ran, waited, share", [
    (4, 0.5, 0.5, 1.0),  # four busy threads on two CPUs wait for each other only
    (4, 0.25, 0.75, 0.5),  # others took half the machine from four busy threads
    (4, 0.0, 0.75, 0.0),  # threads spinning with sched_yield() hardly ran: others had it all
    (4, 0.1, 0.15, 0.4),  # four processes passing one lock: their waits came one after another
    (1, 0.001, 0.002, 0.998),  # a run that mostly sleeps lost what its wake-ups waited
], ids=["own_busy_threads", "half_taken", "spinning", "lock_in_turns", "sleeping"])
def test_a_run_s_share_is_what_other_programs_left_it(monkeypatch, threads, ran, waited, share):
    """Over one second, THREADS threads each ran RAN seconds and waited WAITED
    seconds for a CPU, on two CPUs: the run's own threads waiting for each
    other do not stretch its deadline; other programs' doing does, as far as
    the run's threads could have run side by side."""
    clock = iter([0.0, 1.0])
    monkeypatch.setattr(runner.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(runner, "CORES", 2)
    monkeypatch.setattr(runner, "cpu_times", lambda procs: {
        (1, str(t)): (round(ran * 1e9), round(waited * 1e9)) for t in range(len(procs))})
    monkeypatch.setattr(runner, "states", lambda procs: ["R"] * len(procs))
    monkeypatch.setattr(runner, "runnable", lambda: 5)
    assert MachineShare()([object()] * threads) == pytest.approx(share, abs=1e-4)


def test_a_run_waiting_for_the_disk_has_no_share(monkeypatch):
    monkeypatch.setattr(runner, "states", lambda procs: ["S", "D", "R"])
    assert MachineShare()([]) == (0.0 if runnable() is not None else 1.0)


def test_a_busy_machine_stretches_the_deadline_up_to_a_limit(tmp_path):
    """The deadline counts the clock's seconds times the run's share of the
    machine: with half of it a hang is stopped after about twice the deadline,
    never sooner than the deadline and never later than MAX_STRETCH times it."""
    sleeper = sleeping()
    try:
        times = {}
        for share in (1.0, 0.5, 0.0):
            began = time.monotonic()
            timed_out, _, _ = watch(sleeper, "none", 0.5, began, tmp_path,
                                    share=lambda procs, share=share: share)
            times[share] = time.monotonic() - began
            assert timed_out
    finally:
        stop([sleeper])
    assert 0.5 <= times[1.0] and 1.0 <= times[0.5]
    assert 0.5 * MAX_STRETCH <= times[0.0] < 0.5 * MAX_STRETCH + 5


def test_a_stretched_timeout_says_how_long_the_clock_ran(tmp_path):
    path = write(tmp_path, """
        import time
        time.sleep(3600)
        """)
    run = run_program(path, deadline=1)
    run.elapsed = 3.4  # as a busy machine would make it
    assert "still running after 1 s (3 s on the clock: the machine was busy" in verdict(run).got


def test_temporary_files_stay_in_the_run_and_go_with_it(tmp_path):
    path = write(tmp_path, """
        import multiprocessing, tempfile

        if __name__ == "__main__":
            made = tempfile.mkdtemp()
            open(made + "/left.txt", "w").close()
            print(made)
            multiprocessing.Process(target=print).start()
        """)
    run = run_program(path, start_method="forkserver")
    [made] = [l.text for l in run.lines if l.pid == run.main_pid]
    assert "grader-run-" in made and not os.path.exists(made)


def test_orphan_that_left_the_session_is_swept(tmp_path):
    path = write(tmp_path, """
        import os, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(3600)
            os._exit(0)
        time.sleep(0.3)
        print("main done")
        """)
    run = run_program(path, deadline=10)
    assert not run.timed_out
    assert run.leftovers, "the orphan was not noticed"
    assert "still running after main ended" in verdict(run).got
    time.sleep(0.2)
    assert alive_with(path) == []


@pytest.mark.skipif(runner.PRCTL is None, reason="Linux's parent-death signal")
def test_a_run_dies_with_the_grader(tmp_path):
    """A grader killed while it runs a program (as a program that kills it
    through a shell would) takes main and main's children with it, and the
    run's folder: nothing lives on under the grader's own parent."""
    path = write(tmp_path, """
        import os, subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)", __file__])
        with open(os.path.join(%r, "pid"), "w") as f:
            f.write("%%d %%s" %% (os.getpid(), os.path.dirname(os.environ["GRADER_TRACE"])))
        time.sleep(3600)
        """ % str(tmp_path))
    grader = subprocess.Popen([sys.executable, "-c", "import sys; from grader.run.runner import "
                               "run_program; run_program(sys.argv[1], deadline=3600)", str(path)],
                              cwd=str(runner.HARNESS.parent.parent))
    try:
        end = time.monotonic() + 60
        while not (tmp_path / "pid").exists() or not (tmp_path / "pid").read_text():
            assert time.monotonic() < end and grader.poll() is None, "the program never began"
            time.sleep(0.05)
        pid, workdir = (tmp_path / "pid").read_text().split(" ", 1)
        main = psutil.Process(int(pid))
        assert os.path.isdir(workdir) and len(set(alive_with(path)) - {grader.pid}) == 2
    finally:
        grader.kill()
        grader.wait()
    gone, alive = psutil.wait_procs([main], timeout=30)
    end = time.monotonic() + 30
    while (alive_with(path) or os.path.exists(workdir)) and time.monotonic() < end:
        time.sleep(0.1)
    assert gone and alive_with(path) == [] and not os.path.exists(workdir)


def test_output_flood_is_capped(tmp_path):
    path = write(tmp_path, """
        while True:
            print("x" * 1000)
        """)
    began = time.monotonic()
    run = run_program(path, deadline=20)
    assert time.monotonic() - began < 20
    assert run.text_limit_hit
    assert "File too large" in run.stderr or run.timed_out
    assert len(run.stdout) <= 70 * 1024



def test_a_long_output_keeps_its_end_and_says_what_it_left_out(tmp_path):
    path = write(tmp_path, """
        import os
        print("first")
        print("\\n".join("line %d" % i for i in range(300000)))
        print("last", 42)
        if os.fork() == 0:
            print("child", 1)
            os._exit(0)
        os.wait()
        """)
    run = run_program(path)
    texts = [l.text for l in run.lines]
    assert texts[:2] == ["first", "line 0"]
    assert texts[-2:] == ["last 42", "child 1"]  # a fork child records from its own start
    assert "line 299999" in texts and "line 150000" not in texts
    gap, = run.gaps
    assert gap.pid == run.main_pid and gap.lines > 100000 and gap.chars > 1000000
    assert len(texts) == 300003 - gap.lines  # no line lost but the ones reported
    assert "did not record {:,} lines".format(gap.lines) in run.unrecorded()
    assert all(a.t <= b.t for a, b in zip(run.lines, run.lines[1:]))
    assert run.lines[-2].t > run.lines[0].t  # the kept end keeps its own times


def test_a_line_cut_by_the_output_limit_is_not_taken_for_a_line(tmp_path):
    path = write(tmp_path, """
        import sys, threading, time
        sys.stdout.write("begun ")  # open when the limit is reached in another thread
        t = threading.Thread(target=print, args=("x" * 2000000,))
        t.start(); t.join()
        print("ended")
        time.sleep(0.1)
        print("last")
        """)
    run = run_program(path)
    assert [l.text for l in run.lines] == ["last"] and run.lines[0].t > run.main.began
    assert run.gaps[0].lines == 2
    # a kept line's time is when it began, not when the line before it ended
    assert run.lines[0].t > run.events_of("sleep")[0].t



def test_a_fork_storm_under_forkserver_is_refused_in_the_process_that_asked(tmp_path):
    """Under forkserver (Linux's default from 3.14) the fork server forks every
    child: a fork refused there would kill it, and every later start() of the
    run would hang; the process that asked for the child pays instead."""
    path = write(tmp_path, """
        import multiprocessing, time
        if __name__ == "__main__":
            for i in range(100):
                multiprocessing.Process(target=time.sleep, args=(0.1,), daemon=True).start()
        """)
    run = run_program(path, start_method="forkserver", deadline=20)
    refused = run.events_of("fork_refused")
    assert refused and refused[0].pid == run.main_pid and refused[0].at.line == 5
    assert "BlockingIOError" in run.stderr and not run.timed_out


def test_a_fork_storm_through_a_hidden_import_of_multiprocessing_is_refused(tmp_path):
    """A file that never names multiprocessing is run without the harness's
    multiprocessing patches, so nobody paid for the fork server's forks: they
    are counted in the fork server then, and the storm is refused all the same."""
    path = write(tmp_path, """
        import importlib, time
        mp = importlib.import_module("multi" + "processing")
        if __name__ == "__main__":
            mp.set_start_method("fork" + "server")
            for i in range(100):
                mp.Process(target=time.sleep, args=(0.1,), daemon=True).start()
        """)
    run = run_program(path, deadline=20)
    assert run.events_of("fork_refused")
    assert len(run.procs) <= runner.MAX_PROCS + 1 and not run.timed_out


def test_files_named_like_the_harness_s_modules_change_nothing(tmp_path):
    """A student's folder may hold its own core.py, locks.py, queues.py... (or a
    sitecustomize.py): the harness is a package of its own, loaded before the
    student's folder is on the path, in main and in a spawn pool's workers."""
    for name in ("core", "locks", "queues", "pools", "output", "threads", "sitecustomize",
                 "_katas_harness"):
        write(tmp_path, "raise SystemExit('%s.py of the student was imported')\n" % name,
              name="%s.py" % name)
    path = write(tmp_path, """
        import multiprocessing, threading
        from concurrent.futures import ProcessPoolExecutor

        def square(n):
            return n * n

        if __name__ == "__main__":
            lock = threading.Lock()
            with lock:
                q = multiprocessing.Queue()
                q.put(1)
                print("got", q.get())
            with ProcessPoolExecutor(2) as pool:
                print(sum(pool.map(square, range(4))))
        """)
    run = run_program(path, start_method="spawn")
    assert fatal_problem(run) is None, fatal_problem(run)
    assert run.exit_code == 0 and "was imported" not in run.stderr
    assert run.events_of("queue_put") and run.locks  # the harness recorded the queue and the lock
    assert {e.pid for e in run.events_of("pool_task_begin")} - {run.main_pid}


def test_missing_file(tmp_path):
    run = run_program(tmp_path / "nope.py")
    assert run.missing
    assert "there is no file" in verdict(run).got


def test_syntax_error_is_reported_as_such(tmp_path):
    path = write(tmp_path, "print('a'\n")
    run = run_program(path)
    assert fatal_problem(run).startswith("the program could not start: SyntaxError")


def test_exception_in_child_names_the_process_and_shows_its_traceback(tmp_path):
    path = write(tmp_path, """
        import multiprocessing

        def cook(n):
            return 1 / n

        if __name__ == "__main__":
            p = multiprocessing.Process(target=cook, args=(0,))
            p.start()
            p.join()
        """)
    run = run_program(path, start_method="spawn")
    got = verdict(run).got
    assert "process cook (pid" in got and "ZeroDivisionError" in got
    assert "return 1 / n" in got and "/grader/harness/" not in got


def test_missing_main_guard_under_spawn(tmp_path):
    path = write(tmp_path, """
        import multiprocessing

        def cook():
            print("cooking")

        p = multiprocessing.Process(target=cook)
        p.start()
        p.join()
        """)
    program_runs(run_program(path, start_method="fork"))  # fine under fork
    run = run_program(path, start_method="spawn", deadline=20)
    mistake = verdict(run)
    assert 'if __name__ == "__main__":' in mistake.got + mistake.hint
    assert "spawn" in mistake.expected


DEEP_THREADS = r'''
import faulthandler, signal, sys, threading

def deep(n, ev):
    return deep(n - 1, ev) if n else ev.wait()

ev = threading.Event()
for i in range(20):
    threading.Thread(target=deep, args=(90, ev), daemon=True).start()
faulthandler.register(signal.SIGUSR1, file=int(sys.argv[1]), all_threads=True, chain=False)
print("ready", flush=True)
ev.wait()
'''


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="Linux's /proc")
def test_a_hung_run_s_stacks_are_waited_for_until_complete(tmp_path):
    """A dump paused halfway (here: its pipe is full until read) is waited for,
    not cut short by the kill: every thread's stack arrives."""
    import fcntl
    import threading
    r, w = os.pipe()
    fcntl.fcntl(w, getattr(fcntl, "F_SETPIPE_SZ", 1031), 4096)
    proc = subprocess.Popen([sys.executable, "-c", DEEP_THREADS, str(w)], pass_fds=(w,),
                            stdout=subprocess.PIPE, text=True)
    os.close(w)
    try:
        assert proc.stdout.readline() == "ready\n"
        dumper = threading.Thread(target=runner.dump_stacks,
                                  args=([psutil.Process(proc.pid)], tmp_path))
        dumper.start()
        time.sleep(0.5)
        assert dumper.is_alive(), "dump_stacks returned while the dump was still being written"
        os.set_blocking(r, False)
        text, ended = b"", False
        while not ended:
            ended = not dumper.is_alive()  # read once more after it returned
            try:
                while True:
                    text += os.read(r, 65536)
            except BlockingIOError:
                time.sleep(0.01)
    finally:
        stop([proc])
        os.close(r)
    heads = [l for l in text.decode().splitlines() if THREAD.match(l)]  # as the report reads them
    assert len(heads) == 21, text.decode()[-2000:]


def dump_of(program, folder):
    """What dump_stacks waited for: PROGRAM (Python source that prints "ready" once
    its SIGUSR1 handler writes its stacks-PID.txt in FOLDER, its argv[1]) is asked
    for its stacks, and its file is read when dump_stacks returns."""
    proc = subprocess.Popen([sys.executable, "-c", program, str(folder)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "ready\n"
        runner.dump_stacks([psutil.Process(proc.pid)], folder)
        return (folder / ("stacks-%d.txt" % proc.pid)).read_text()
    finally:
        stop([proc])


def test_a_dump_not_yet_begun_is_not_taken_for_a_finished_one(tmp_path):
    """A signal the kernel has taken from the queue and not yet handed to its
    handler is neither pending nor blocked: a dump that shows nothing yet is
    waited for until its file holds it (here the handler is Python's, which
    runs a moment after the signal left the queue, as faulthandler's may)."""
    program = textwrap.dedent("""
        import os, signal, sys, time
        path = os.path.join(sys.argv[1], "stacks-%d.txt" % os.getpid())
        open(path, "w").close()  # as the harness makes it: empty until a dump
        def dump(*_):
            time.sleep(0.3)
            with open(path, "w") as f:
                f.write("Current thread 0x1 (most recent call first):\\n")
        signal.signal(signal.SIGUSR1, dump)
        print("ready", flush=True)
        time.sleep(60)
        """)
    text = dump_of(program, tmp_path)
    assert text.startswith("Current thread"), "returned before the dump began"


def test_a_dump_paused_before_its_last_thread_is_waited_for(tmp_path):
    """A dump is whole once it holds the stack of the thread the harness names
    at the file's top (faulthandler writes it last): one that has written the
    other threads and stopped for a moment, its signal no longer pending or
    blocked (as a Python handler's), is waited for."""
    program = textwrap.dedent("""
        import os, signal, sys, threading, time
        path = os.path.join(sys.argv[1], "stacks-%d.txt" % os.getpid())
        me = threading.get_ident()
        with open(path, "w") as f:
            f.write("main thread 0x%016x\\n\\n" % me)
        def dump(*_):
            with open(path, "a") as f:
                f.write("Thread 0x%016x (most recent call first):\\n"
                        '  File "w.py", line 3 in work\\n\\n' % (me + 1))
            time.sleep(0.3)
            with open(path, "a") as f:
                f.write("Current thread 0x%016x (most recent call first):\\n"
                        '  File "main.py", line 9 in <module>\\n' % me)
        signal.signal(signal.SIGUSR1, dump)
        print("ready", flush=True)
        time.sleep(60)
        """)
    text = dump_of(program, tmp_path)
    assert "in <module>" in text, "returned before the main thread's stack: " + text


def test_an_escape_with_no_trace_of_the_run_is_found_by_its_keeper(tmp_path):
    """fork, setsid, fork, then execve with an empty environment, as the
    grader's own user: no marker, not in the run's group, not main's
    descendant; the run's keeper is its subreaper, so it is still the run's:
    reported as still running, and killed."""
    path = write(tmp_path, """
        import os, sys, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                os.execve(sys.executable, [sys.executable, "-c",
                          "import time; time.sleep(3600)", "escapee", %r], {})
            os._exit(0)
        time.sleep(0.5)
        print("main ends")
        """ % str(tmp_path))
    run = run_program(path)
    assert [l.text for l in run.lines] == ["main ends"]
    assert any("escapee" in l["cmdline"] for l in run.leftovers), run.leftovers
    assert "still running after main ended" in verdict(run).got
    assert alive_with(tmp_path) == []


def test_lines_a_program_writes_into_its_keeper_s_pipe_are_not_the_keeper_s(tmp_path):
    """As the grader's own user, a program can open /proc/KEEPER/fd/1, the
    keeper's pipe to the grader: a forged "main ended with 0" is not taken
    for the keeper's word, and a line it leaves unfinished blocks nothing."""
    forged = write(tmp_path, """
        import os, sys, time
        with open("/proc/%d/fd/1" % os.getppid(), "w") as f:
            f.write("ended 0\\nstarted 1 2 3\\nended")
        time.sleep(0.3)
        sys.exit(3)
        """)
    assert run_program(forged).exit_code == 3
    stuck = write(tmp_path, """
        import os, time
        with open("/proc/%d/fd/1" % os.getppid(), "w") as f:
            f.write("an unfinished line")
        while True:
            time.sleep(1)
        """, name="stuck.py")
    run = run_program(stuck, deadline=1)
    assert run.timed_out and run.exit_code == -signal.SIGKILL


def test_each_count_is_of_the_processes_the_run_has_then(monkeypatch, tmp_path):
    """A busy machine may make the watchdog's counts seconds apart: the waits
    counted at each are those of the processes the run has at that moment, so
    a child born since the last count is among them."""
    seen, shares = [["main"], ["main", "child"], ["main", "child", "grandchild"]], []

    class Main:
        pid, pgid, waits = 1, 2, 0

        def wait(self, timeout=None):
            self.waits += 1
            if self.waits < len(seen):
                raise subprocess.TimeoutExpired("main", timeout)
            return 0

    answers = iter(seen)
    monkeypatch.setattr(runner, "processes_of", lambda run_id, pgid, user=None, shared=False:
                        next(answers))
    watch(Main(), "run", 10.0, time.monotonic(), tmp_path,
          share=lambda procs: shares.append(list(procs)) or 1.0)
    assert shares == seen
