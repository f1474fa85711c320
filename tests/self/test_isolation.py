"""A run as a user of its own (grader/run/isolation.py): where the grader is root
and an interpreter another user can start is at hand, the program runs as a
uid of its own, can write only its own folder, cannot read the grader's
environment, cannot signal the grader, and leaves nothing behind however it
hides; its tracebacks and stack dumps still name the student's own file."""
import os
import subprocess
import sys
import time

import psutil
import pytest

from grader.run import isolation
from grader.kata.checks import Mistake, program_runs
from grader.grading.exercise import ROOT
from grader.run.runner import run_program
from test_containment import write


def test_a_run_is_a_user_of_its_own_that_writes_only_its_folder(own_user_python, tmp_path):
    path = write(tmp_path, """
        import os, signal, sys
        print(os.getuid(), os.getgid(), os.getgroups(), os.environ["USER"])
        for target in [%r, os.path.join(os.path.dirname(os.environ["GRADER_TRACE"]), "..")]:
            try:
                open(os.path.join(target, "forged"), "w")
                print("wrote", target)
            except OSError as e:
                print("refused", e.errno)
        try:
            open("/proc/%%d/environ" %% os.getppid()).read()
            print("read the grader's environment")
        except OSError as e:
            print("refused", e.errno)
        try:
            os.kill(%d, signal.SIGKILL)
        except OSError as e:
            print("refused", e.errno)
        open(os.path.join(os.environ["TMPDIR"], "mine"), "w").write("ok")
        print(os.path.basename(os.getcwd()), os.path.exists(__file__))
        """ % (str(ROOT / "tests"), os.getpid()))
    run = run_program(path, python=own_user_python)
    assert run.exit_code == 0, run.stderr
    uid = run.as_user
    assert uid and uid >= isolation.FIRST_UID
    assert [l.text for l in run.lines] == [
        "%d %d [] katas-run" % (uid, uid), "refused 13", "refused 13", "refused 13",
        "refused 1", "run True"]
    assert not (ROOT / "tests" / "forged").exists()


def test_an_escaped_orphan_with_no_trace_of_the_run_is_killed(own_user_python, tmp_path):
    """fork, setsid, fork, then execve with an empty environment: no marker, no
    process group of the run, not main's descendant; it has the run's uid."""
    path = write(tmp_path, """
        import os, sys, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                os.execve(sys.executable, [sys.executable, "-c",
                          "import time; time.sleep(3600)", "escapee"], {})
            os._exit(0)
        time.sleep(0.5)
        print("main ends")
        """)
    run = run_program(path, python=own_user_python)
    assert [l.text for l in run.lines] == ["main ends"]
    alive = [p for p in psutil.process_iter(["cmdline", "uids"])
             if p.info["uids"] and p.info["uids"].real == run.as_user]
    assert alive == []
    assert any("escapee" in l["cmdline"] for l in run.leftovers)


def test_tracebacks_name_the_student_s_file_not_the_run_s_copy(own_user_python, tmp_path):
    path = write(tmp_path, """
        def cook(n):
            return 1 / n

        cook(0)
        """)
    run = run_program(path, python=own_user_python)
    assert run.as_user
    assert 'File "%s", line 3, in cook' % path in run.stderr
    with pytest.raises(Mistake) as caught:
        program_runs(run)
    assert 'File "%s", line 5, in <module>' % path in caught.value.got
    assert "grader-run-" not in caught.value.got


def test_links_and_fifos_in_the_run_s_folder_are_not_followed(own_user_python, tmp_path):
    """The run's folder is the program's: a link there to a file of the
    grader's, or a FIFO where the trace should be, is read as nothing."""
    path = write(tmp_path, """
        import os
        folder = os.path.dirname(os.environ["GRADER_TRACE"])
        for name in ("stacks-1.txt", "trace.jsonl"):
            path = os.path.join(folder, name)
            if os.path.exists(path):
                os.unlink(path)
        os.symlink("/etc/passwd", os.path.join(folder, "stacks-1.txt"))
        os.mkfifo(os.path.join(folder, "trace.jsonl"))
        print("done")
        """)
    began = time.monotonic()
    run = run_program(path, python=own_user_python)
    assert time.monotonic() - began < 30
    assert run.stacks == {} and "root:" not in run.stdout + run.stderr
    assert run.as_user and run.stdout.strip().endswith("done")


def test_a_grader_that_dies_takes_the_run_s_uid_with_it(own_user_python, tmp_path):
    """The group's leader kills every process of the run's uid when its pipe
    from the grader closes, also one that left the group and the marker."""
    path = write(tmp_path, """
        import os, sys, time
        if os.fork() == 0:
            os.setsid()
            os.execve(sys.executable, [sys.executable, "-c", "import time; time.sleep(3600)"], {})
        print(os.getuid(), os.path.dirname(os.environ["GRADER_TRACE"]), flush=True)
        time.sleep(3600)
        """)
    out = tmp_path / "out.txt"
    grader = subprocess.Popen([sys.executable, "-c", "import sys; from grader.run.runner import "
                               "run_program; run_program(sys.argv[1], deadline=3600, "
                               "python=sys.argv[2])", str(path), own_user_python],
                              cwd=str(ROOT))
    try:
        end = time.monotonic() + 60
        while True:
            found = [p for p in psutil.process_iter(["uids"]) if p.info["uids"]
                     and p.info["uids"].real >= isolation.FIRST_UID
                     and p.pid != grader.pid and grader.pid in [a.pid for a in p.parents()]]
            if len(found) >= 2 or time.monotonic() > end:
                break
            time.sleep(0.05)
        uid = found[0].info["uids"].real
        assert len(found) == 2 and all(p.info["uids"].real == uid for p in found)
    finally:
        grader.kill()
        grader.wait()
    end = time.monotonic() + 30
    while time.monotonic() < end and any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE
                                         for p in found):
        time.sleep(0.1)
    assert not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in found)


def test_a_virtual_environment_out_of_reach_runs_its_interpreter(own_user_python, tmp_path):
    """A venv where another user cannot reach it (pytest's folders are root's
    alone) whose interpreter another user can start: the run uses that one."""
    python = os.path.realpath(own_user_python)
    subprocess.run([python, "-m", "venv", "--without-pip", str(tmp_path / "venv")], check=True)
    path = write(tmp_path, """
        import os, sys
        print(os.path.realpath(sys.executable))
        """)
    run = run_program(path, python=str(tmp_path / "venv" / "bin" / "python"))
    assert run.as_user and [l.text for l in run.lines] == [python]


def test_a_hang_report_as_a_user_of_its_own_names_the_calls_of_the_file(own_user_python, tmp_path):
    """The harness runs from a copy: its frames are still the harness's."""
    path = write(tmp_path, """
        import threading
        t = threading.Thread(target=threading.Event().wait)
        t.start()
        t.join()
        """)
    run = run_program(path, python=own_user_python, deadline=2)
    assert run.as_user and run.timed_out
    with pytest.raises(Mistake) as caught:
        program_runs(run)
    assert "thread MainThread at line 5 in <module>: t.join()   (waiting in join)" \
        in caught.value.got, caught.value.got
