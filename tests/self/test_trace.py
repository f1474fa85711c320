"""The trace model rebuilds each thread's lines from its own writes, so output
of processes writing at the same time never tears."""
import json

from grader.kata.checks import render_timeline, student_traceback, where_threads_were
from grader.trace.model import read_run


def write_trace(tmp_path, events):
    with open(tmp_path / "trace.jsonl", "w", encoding="utf-8") as f:
        for e in events:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
        f.write('{"ev": "write", "t": 1.0, "pid"\n')  # a record cut short is ignored
    return read_run(tmp_path, file="prog.py", main_pid=100, exit_code=0, timed_out=False,
                    deadline=10, elapsed=1, start_method="default", scale=0.5, leftovers=[])


def ev(t, pid, ev_, tid=1, thread="MainThread", **kw):
    return dict(ev=ev_, t=t, pid=pid, tid=tid, thread=thread, **kw)


def test_interleaved_writes_of_two_processes_make_whole_lines(tmp_path):
    events = [ev(0.0, 100, "interp")]
    events += [ev(0.1, 101, "proc_begin", target="cook", starter=100, os_ppid=100),
               ev(0.1, 102, "proc_begin", target="wash", starter=100, os_ppid=100)]
    torn = [(101, "做饭进程pid:"), (102, "洗衣服进程pid:"), (101, " "), (102, " "),
            (101, "12321"), (101, "\n"), (102, "12322"), (102, "\n")]
    events += [ev(0.2 + i / 100, pid, "write", stream="stdout", text=text)
               for i, (pid, text) in enumerate(torn)]
    run = write_trace(tmp_path, events)
    assert [(l.pid, l.text) for l in run.lines] == [(101, "做饭进程pid: 12321"),
                                                     (102, "洗衣服进程pid: 12322")]
    assert run.proc(101).label == "cook" and run.proc(101).lines[0].text == "做饭进程pid: 12321"
    assert abs(run.lines[0].t - 0.4) < 1e-9  # nominal seconds: scale 0.5 undone


def test_threads_of_one_process_are_kept_apart(tmp_path):
    events = [ev(0.0, 100, "interp"),
              ev(0.1, 100, "write", tid=2, thread="A", stream="stdout", text="a1"),
              ev(0.2, 100, "write", tid=3, thread="B", stream="stdout", text="b1\n"),
              ev(0.3, 100, "write", tid=2, thread="A", stream="stdout", text="a2\nlast")]
    run = write_trace(tmp_path, events)
    assert [(l.thread, l.text) for l in run.lines] == [("A", "a1a2"), ("B", "b1"), ("A", "last")]


def test_timeline_marks_lines_and_names_processes(tmp_path):
    events = [ev(0.0, 100, "interp"),
              ev(0.1, 101, "proc_begin", target="cook", starter=100, os_ppid=100),
              ev(0.2, 101, "write", stream="stdout", text="做饭...\n"),
              ev(0.3, 101, "proc_end", exitcode=0)]
    run = write_trace(tmp_path, events)
    text = render_timeline(run, run.lines)
    assert "(cook started)" in text and "(cook ended)" in text
    assert ">  0.40s  cook pid 101" in text


def test_a_thread_that_renames_itself_is_still_seen_to_end(tmp_path):
    events = [ev(0.0, 100, "interp"),
              ev(0.1, 100, "thread_begin", tid=7, thread="Thread-1 (loop)", target="loop"),
              ev(0.2, 100, "write", tid=7, thread="LoopThread", stream="stdout", text="x\n"),
              ev(0.3, 100, "thread_end", tid=7, thread="LoopThread")]
    run = write_trace(tmp_path, events)
    assert abs(run.thread("LoopThread").ended - 0.6) < 1e-9 and run.lines[0].thread == "LoopThread"


def test_timeline_leaves_out_multiprocessing_threads(tmp_path):
    events = [ev(0.0, 100, "interp"),
              ev(0.1, 100, "thread_begin", tid=7, thread="QueueFeederThread", target="Queue._feed",
                 internal=True),
              ev(0.1, 100, "thread_begin", tid=8, thread="ThreadPoolExecutor-0_0", target="_worker",
                 internal=False)]
    text = render_timeline(write_trace(tmp_path, events))
    assert "QueueFeederThread" not in text and "(thread ThreadPoolExecutor-0_0 started)" in text


def test_student_traceback_drops_the_harness_frames_with_their_markers():
    text = "\n".join([
        "Traceback (most recent call last):",
        '  File "/s/primes.py", line 9, in <module>',
        "    pool.submit(count(0, 10))",
        '  File "/work/grader/harness/sitecustomize.py", line 730, in submit',
        "    return orig(self, PoolTask(fn), *args)",
        "           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        '  File "/lib/concurrent/futures/process.py", line 3, in submit',
        "    raise TypeError('x')",
        "TypeError: x"])
    assert student_traceback(text).splitlines() == [
        "Traceback (most recent call last):", '  File "/s/primes.py", line 9, in <module>',
        "    pool.submit(count(0, 10))", '  File "/lib/concurrent/futures/process.py", line 3, in submit',
        "    raise TypeError('x')", "TypeError: x"]


def hung_run(tmp_path, source, thread, stacks):
    """A run of SOURCE whose thread THREAD (ident 0x7f58c25be6c0) hung, with the
    stack dump STACKS(path of the program) of its main process."""
    prog = tmp_path / "prog.py"
    prog.write_text(source, encoding="utf-8")
    run = write_trace(tmp_path, [ev(0.0, 100, "interp"),
                                 ev(0.1, 100, "thread_begin", tid=0x7f58c25be6c0, thread=thread)])
    run.file, run.stacks = prog, {100: stacks(prog)}
    return run


def test_a_hang_report_reads_python_3_14_stacks(tmp_path):
    """From 3.14 faulthandler names each thread in its header; the report still
    finds the student's line in every thread (a dump in 3.14's format)."""
    run = hung_run(tmp_path, "import threading\n\nnever = threading.Event()\nnever.wait()\n",
                   "sleeper", lambda prog: (
                       "Thread 0x00007f58c25be6c0 [sleeper] (most recent call first):\n"
                       '  File "/usr/lib/python3.14/threading.py", line 363 in wait\n'
                       '  File "%s", line 4 in <module>\n\n'
                       "Current thread 0x00007f58c3a4e740 [python3] (most recent call first):\n"
                       '  File "/usr/lib/python3.14/selectors.py", line 398 in select\n' % prog))
    text = where_threads_were(run)
    assert "thread sleeper at line 4 in <module>: never.wait()   (waiting in wait)" in text
    assert "at outside your file in select" in text



def test_a_hang_report_names_no_call_of_the_harness_s_amplifier(tmp_path):
    """A thread caught between two instructions of its line, in the race
    amplifier's callback, was waiting in no call of the student's: the line
    is named alone (a report once said "waiting in on_instruction")."""
    run = hung_run(tmp_path, "def work(a):\n    while True:\n        a.balance += 1\n", "A->B",
                   lambda prog: (
                       "Thread 0x00007f58c25be6c0 (most recent call first):\n"
                       '  File "/work/grader/harness/sitecustomize.py", line 1310 in on_instruction\n'
                       '  File "%s", line 3 in work\n' % prog))
    assert where_threads_were(run).splitlines()[1] == (
        "    thread A->B at line 3 in work: a.balance += 1")
