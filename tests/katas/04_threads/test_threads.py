"""Hidden suite of 04_threads: loop() runs in a thread that is really named
LoopThread, and main waits for it before its last line."""
import re

from grader.checks import Mistake, program_runs

FIRST, LAST = "线程 [MainThread] 运行...", "线程 [MainThread] 结束"
LOOP = re.compile(r"^\s*子线程 \[(.+)_(\d+)\]\s*运行\s*$")


def loop_lines(run):
    return [l for l in run.lines if l.stream == "stdout" and LOOP.match(l.text)]


def main_line(run, text):
    lines = [l for l in run.lines if l.stream == "stdout" and l.text.strip() == text]
    if not lines:
        raise Mistake("the main thread prints `%s`" % text, "nobody printed `%s`" % text,
                      "print('线程 [%s] ...' % threading.current_thread().name)", run=run)
    line = lines[-1]
    if line.pid != run.main_pid or line.thread != "MainThread":
        raise Mistake("the main thread prints `%s`" % text,
                      "it was printed by %s" % run.who(line.pid, line.thread), run=run,
                      lines=[line])
    return line


def test_program_runs(run):
    program_runs(run)


def test_main_lines(run):
    first, last = main_line(run, FIRST), main_line(run, LAST)
    if first.t > last.t:
        raise Mistake("`%s` first, `%s` last" % (FIRST, LAST), "they came the other way round",
                      run=run, lines=[first, last])


def test_loop_in_thread(run):
    lines = loop_lines(run)
    if not lines:
        raise Mistake("LoopThread prints `子线程 [LoopThread_0]运行` ...",
                      "no line `子线程 [..._i]运行` was printed", run=run)
    loop_thread = run.thread("LoopThread")
    for line in lines:
        said = LOOP.match(line.text).group(1)
        if line.pid != run.main_pid:
            raise Mistake("loop() runs in a thread of the main process",
                          "it ran in %s: that is a process, not a thread" % run.who(line.pid),
                          "Use threading.Thread(target=loop, name='LoopThread').", run=run,
                          lines=[line])
        if line.thread == "MainThread":
            started = [e for e in run.events_of("thread_start") if e["name"] == "LoopThread"]
            raise Mistake(
                "loop() runs in the thread LoopThread",
                "loop() ran in the MainThread%s" % (
                    "" if started else ": no thread was ever started; t.run() runs the target "
                    "in the calling thread"),
                "Call t.start(), which runs loop() in the new thread.", run=run, lines=[line])
        if line.thread != "LoopThread":
            raise Mistake("loop() runs in a thread named LoopThread",
                          "the line says %r but the thread that printed it is named %r"
                          % (said, line.thread),
                          "Name the thread: threading.Thread(target=loop, name='LoopThread').",
                          run=run, lines=[line])
        if said != line.thread:
            raise Mistake("the printed name comes from threading.current_thread().name",
                          "thread %s printed the name %r" % (line.thread, said),
                          "Build the text from threading.current_thread().name.", run=run,
                          lines=[line])
    if loop_thread is None:
        raise Mistake("a thread named LoopThread was started", "none was started", run=run)


def test_numbering(run):
    lines = loop_lines(run)
    numbers = [int(LOOP.match(l.text).group(2)) for l in lines]
    if numbers != [0, 1, 2, 3, 4]:
        raise Mistake("LoopThread_0 ... LoopThread_4, in order",
                      "the numbers were %s" % numbers,
                      "for i in range(5): print(...); time.sleep(0.5)", run=run, lines=lines)


def test_main_waits(run):
    last = main_line(run, LAST)
    loop_thread = run.thread("LoopThread")
    if loop_thread is None:
        raise Mistake("main waits for LoopThread", "no thread named LoopThread ran", run=run)
    if loop_thread.ended is None or loop_thread.ended > last.t:
        later = [l for l in loop_lines(run) if l.t > last.t]
        raise Mistake(
            "main prints `%s` after LoopThread has finished" % LAST,
            "main printed it while LoopThread was still running%s" % (
                " (%d of its lines came after)" % len(later) if later else ""),
            "Call t.join() before the last print: it waits for the thread to end.",
            run=run, lines=[last] + later)
