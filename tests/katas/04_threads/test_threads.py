"""Hidden suite of 04_threads: loop() runs in a thread that is really named
LoopThread, and main waits for it before its last line."""
import re

from grader.checks import Mistake, program_runs

FIRST, LAST = "线程 [MainThread] 运行...", "线程 [MainThread] 结束"
LOOP = re.compile(r"^\s*子线程 \[(.+)_(\d+)\]\s*运行\s*$")


def loop_lines(run):
    return run.printed(LOOP)


def main_line(run, text):
    lines = run.printed(text)
    if not lines:
        raise Mistake("the main thread prints `%s`" % text, "nobody printed `%s`" % text,
                      "print('线程 [%s] ...' % threading.current_thread().name)", run=run)
    line = lines[-1]
    if line.pid != run.main_pid or line.thread != "MainThread":
        raise Mistake("the main thread prints `%s`" % text,
                      "it was printed by %s" % run.who(line.pid, line.thread),
                      "Print main's two lines in the main thread itself: the first before "
                      "t.start(), the last after t.join(), not inside loop().", run=run,
                      lines=[line])
    return line


def test_program_runs(run):
    program_runs(run)


def test_main_lines(run):
    first, last = main_line(run, FIRST), main_line(run, LAST)
    if first.t > last.t:
        raise Mistake("`%s` first, `%s` last" % (FIRST, LAST), "they came the other way round",
                      run=run, lines=[first, last])
    loop_thread = the_loop_thread(run)
    if loop_thread is not None and loop_thread.began is not None and first.t > loop_thread.began:
        raise Mistake(
            "main prints `%s` before it starts %s" % (FIRST, loop_thread.name),
            "main printed it only after %s had started, so whether it comes before or after the "
            "thread's first line is a race" % loop_thread.name,
            "Print the first line, then create and start the thread.", run=run, lines=[first])


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
            started = run.events_of("thread_start", pid=run.main_pid)
            no_target = [e for e in started if e.get("target") is None and e.get("cls") == "Thread"]
            if no_target:
                raise Mistake(
                    "loop() runs in the thread LoopThread",
                    "loop() ran in the MainThread, and thread %s was started with no target: "
                    "`target=loop()` calls loop() right away in the main thread and hands the "
                    "thread its result, None" % no_target[0]["name"],
                    "Pass the function itself, without parentheses: "
                    "threading.Thread(target=loop, name='LoopThread').", run=run, lines=[line])
            direct = run.events_of("thread_run_direct", pid=run.main_pid)
            if direct:
                at = direct[0].get("at") or {}
                raise Mistake(
                    "loop() runs in the thread LoopThread",
                    "loop() ran in the MainThread: %s called t.run()%s instead of t.start(), and "
                    "t.run() runs the target in the calling thread" % (
                        "main" if direct[0]["thread"] == "MainThread" else direct[0]["thread"],
                        " at line %s" % at["line"] if at.get("line") else ""),
                    "Call t.start(): it starts the new thread, which then runs loop().",
                    run=run, lines=[line])
            raise Mistake(
                "loop() runs in the thread LoopThread",
                "loop() ran in the MainThread%s" % (
                    "" if started else ": no thread was ever started, loop() was called directly"),
                "Create t = threading.Thread(target=loop, name='LoopThread') and call t.start(), "
                "which runs loop() in the new thread.", run=run, lines=[line])
        if line.thread != "LoopThread" and said == line.thread:
            raise Mistake("loop() runs in a thread named LoopThread",
                          "the thread that ran loop() is named %r%s" % (
                              line.thread, ": without name='LoopThread' Python picks a name "
                              "like that" if re.match(r"^Thread-\d+", line.thread) else ""),
                          "Name the thread: threading.Thread(target=loop, name='LoopThread').",
                          run=run, lines=[line])
        if line.thread != "LoopThread":
            raise Mistake("loop() runs in a thread named LoopThread",
                          "the line says %r but the thread that printed it is named %r"
                          % (said, line.thread),
                          "Name the thread: threading.Thread(target=loop, name='LoopThread'), "
                          "and build the text from threading.current_thread().name.",
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


def the_loop_thread(run):
    """LoopThread, or else the thread of the main process that printed loop()'s lines."""
    named = [t for t in run.threads if t.name == "LoopThread" and t.pid == run.main_pid]
    if named:
        return named[0]
    for line in loop_lines(run):
        if line.pid == run.main_pid and line.thread not in (None, "MainThread"):
            found = [t for t in run.threads if t.name == line.thread and t.pid == run.main_pid]
            if found:
                return found[0]
    return None


def test_main_waits(run):
    last = main_line(run, LAST)
    loop_thread = the_loop_thread(run)
    if loop_thread is None:
        raise Mistake("main waits for the thread LoopThread",
                      "no thread of the main process ran loop(), so there was nothing to wait for",
                      "t = threading.Thread(target=loop, name='LoopThread'); t.start(); t.join()",
                      run=run)
    name = loop_thread.name
    ended = loop_thread.ended
    joins = [e for e in run.events_of("thread_join", pid=run.main_pid)
             if e["name"] == name and e["thread"] == "MainThread" and e["t"] <= last.t]
    if len(joins) == 1 and isinstance(joins[0].get("timeout"), (int, float)):
        # The grader runs sleeps faster but not join's timeout: judge it at normal speed.
        join, timeout = joins[0], joins[0]["timeout"]
        gives_up = run.at(join["began"]) + timeout
        if ended is None or ended > last.t or gives_up < run.at(ended):
            raise Mistake(
                "main prints `%s` after %s has finished" % (LAST, name),
                "main called t.join(timeout=%s): at normal speed that join gives up at %.2f s, "
                "while %s runs until %s, so main would print its last line too early" % (
                    timeout, gives_up, name,
                    "%.2f s" % run.at(ended) if ended is not None else "after that"),
                "Call t.join() without a timeout: it waits as long as the thread runs.",
                run=run, lines=[last])
    if ended is None or ended > last.t:
        later = [l for l in loop_lines(run) if l.t > last.t]
        raise Mistake(
            "main prints `%s` after %s has finished" % (LAST, name),
            "main printed it while %s was still running%s" % (
                name, " (%d of its lines came after)" % len(later) if later else ""),
            "Call t.join() before the last print: it waits for the thread to end.",
            run=run, lines=[last] + later)
