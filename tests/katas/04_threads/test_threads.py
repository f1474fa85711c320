"""Hidden suite of 04_threads: loop() runs in a thread that is really named
LoopThread, and main waits for it before its last line."""
import ast
import re

from grader.kata import Mistake, check
from grader.trace.relations import joins_of, sleeps_after, slept_too_little

FIRST, LAST = "线程 [MainThread] 运行...", "线程 [MainThread] 结束"
LOOP = re.compile(r"^\s*子线程 \[(.+)_(\d+)\]\s*运行\s*$")


def loop_lines(run):
    return run.printed(LOOP)


def main_line(run, text):
    lines = run.printed(text)
    if not lines:
        raise Mistake("the main thread prints `%s`" % text, "nobody printed `%s`" % text,
                      "print('线程 [%s] ...' % threading.current_thread().name)")
    line = lines[-1]
    if line.pid != run.main_pid or line.thread != "MainThread":
        raise Mistake("the main thread prints `%s`" % text,
                      "it was printed by %s" % run.who(line.pid, line.thread),
                      "Print main's two lines in the main thread itself: the first before "
                      "t.start(), the last after t.join(), not inside loop().", lines=[line])
    return line


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


def typed_names(run, name):
    """Line numbers of print() calls whose text has the thread name NAME typed in,
    as in print("线程 [MainThread] 运行...")."""
    try:
        tree = ast.parse(run.file.read_text(encoding="utf-8", errors="replace"))
    except (OSError, SyntaxError, ValueError):
        return []
    found = []
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "print":
            for node in ast.walk(call):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                        and "[%s" % name in node.value):
                    found.append(node.lineno)
    return sorted(set(found))


def not_typed_in(run, name, lines):
    typed = typed_names(run, name)
    if typed:
        raise Mistake("the printed name comes from threading.current_thread().name",
                      "the name %s is typed into the text at line %d (`%s`)" % (
                          name, typed[0], run.source_line(typed[0])),
                      "Build the text from threading.current_thread().name, e.g. "
                      "print('线程 [%s] 运行...' % threading.current_thread().name).",
                      lines=lines)


@check(1, "the main thread prints its first line before starting LoopThread, and its last line",
       "主线程在启动 LoopThread 之前打印第一行，并打印最后一行")
def main_lines(run):
    first, last = main_line(run, FIRST), main_line(run, LAST)
    not_typed_in(run, "MainThread", [first, last])
    if first.t > last.t:
        raise Mistake("`%s` first, `%s` last" % (FIRST, LAST), "they came the other way round",
                      lines=[first, last])
    loop_thread = the_loop_thread(run)
    if loop_thread is not None and loop_thread.began is not None and first.t > loop_thread.began:
        raise Mistake(
            "main prints `%s` before it starts %s" % (FIRST, loop_thread.name),
            "main printed it only after %s had started, so whether it comes before or after the "
            "thread's first line is a race" % loop_thread.name,
            "Print the first line, then create and start the thread.", lines=[first])


def ran_in_main_thread(run, line):
    """Why loop()'s LINE was printed by the MainThread, as a Mistake."""
    expected = "loop() runs in the thread LoopThread"
    started = run.events_of("thread_start", pid=run.main_pid)
    no_target = [e for e in started if e.target is None and e.cls == "Thread"]
    if no_target:
        return Mistake(
            expected,
            "loop() ran in the MainThread, and thread %s was started with no target: "
            "`target=loop()` calls loop() right away in the main thread and hands the "
            "thread its result, None" % no_target[0].name,
            "Pass the function itself, without parentheses: "
            "threading.Thread(target=loop, name='LoopThread').", lines=[line])
    direct = run.events_of("thread_run_direct", pid=run.main_pid)
    if direct:
        return Mistake(
            expected,
            "loop() ran in the MainThread: %s called t.run()%s instead of t.start(), and "
            "t.run() runs the target in the calling thread" % (
                "main" if direct[0].thread == "MainThread" else direct[0].thread,
                " at line %s" % direct[0].at.line if direct[0].at else ""),
            "Call t.start(): it starts the new thread, which then runs loop().", lines=[line])
    return Mistake(
        expected,
        "loop() ran in the MainThread%s" % (
            "" if started else ": no thread was ever started, loop() was called directly"),
        "Create t = threading.Thread(target=loop, name='LoopThread') and call t.start(), "
        "which runs loop() in the new thread.", lines=[line])


@check(3, "loop() runs in a thread really named LoopThread",
       "loop() 在真正名为 LoopThread 的线程里运行")
def loop_in_thread(run):
    lines = loop_lines(run)
    if not lines:
        raise Mistake("LoopThread prints `子线程 [LoopThread_0]运行` ...",
                      "no line `子线程 [..._i]运行` was printed")
    for line in lines:
        said = LOOP.match(line.text).group(1)
        if line.pid != run.main_pid:
            raise Mistake("loop() runs in a thread of the main process",
                          "it ran in %s: that is a process, not a thread" % run.who(line.pid),
                          "Use threading.Thread(target=loop, name='LoopThread').", lines=[line])
        if line.thread == "MainThread":
            raise ran_in_main_thread(run, line)
        if line.thread != "LoopThread" and said == line.thread:
            raise Mistake("loop() runs in a thread named LoopThread",
                          "the thread that ran loop() is named %r%s" % (
                              line.thread, ": without name='LoopThread' Python picks a name "
                              "like that" if re.match(r"^Thread-\d+", line.thread) else ""),
                          "Name the thread: threading.Thread(target=loop, name='LoopThread').",
                          lines=[line])
        if line.thread != "LoopThread":
            raise Mistake("loop() runs in a thread named LoopThread",
                          "the line says %r but the thread that printed it is named %r"
                          % (said, line.thread),
                          "Name the thread: threading.Thread(target=loop, name='LoopThread'), "
                          "and build the text from threading.current_thread().name.",
                          lines=[line])
        if said != line.thread:
            raise Mistake("the printed name comes from threading.current_thread().name",
                          "thread %s printed the name %r" % (line.thread, said),
                          "Build the text from threading.current_thread().name.", lines=[line])
    if run.thread("LoopThread") is None:
        raise Mistake("a thread named LoopThread was started", "none was started")
    not_typed_in(run, "LoopThread", lines)


@check(1, "LoopThread prints its lines 0 to 4 in order, sleeping 0.5 s after each",
       "LoopThread 按顺序打印第 0 到 4 行，每行之后睡眠 0.5 秒")
def numbering(run):
    lines = loop_lines(run)
    numbers = [int(LOOP.match(l.text).group(2)) for l in lines]
    if numbers != [0, 1, 2, 3, 4]:
        raise Mistake("LoopThread_0 ... LoopThread_4, in order",
                      "the numbers were %s" % numbers,
                      "for i in range(5): print(...); time.sleep(0.5)", lines=lines)
    for number, line in enumerate(lines, 1):
        did = slept_too_little(sleeps_after(run, line), 0.5)
        if did is None:
            continue
        last = number == len(lines)
        thread = next((t for t in run.threads if t.tid == line.tid and t.pid == line.pid), None)
        if last and (thread is None or thread.ended is None):
            continue  # a thread stopped at the program's end may not reach its last sleep
        raise Mistake(
            "loop() sleeps 0.5 s after each line",
            "after `%s`, thread %s %s before %s" % (
                line.text.strip(), line.thread, did, "it ended" if last else "its next line"),
            "for i in range(5): print(...); time.sleep(0.5)", lines=[line])


@check(2, "main joins LoopThread before it prints its last line",
       "main 在打印最后一行之前 join LoopThread")
def main_waits(run):
    last = main_line(run, LAST)
    loop_thread = the_loop_thread(run)
    if loop_thread is None:
        raise Mistake("main waits for the thread LoopThread",
                      "no thread of the main process ran loop(), so there was nothing to wait for",
                      "t = threading.Thread(target=loop, name='LoopThread'); t.start(); t.join()")
    name = loop_thread.name
    # Decided by what main did, never by timing: it called join() on the thread
    # before its last line, without a timeout or with one longer than all the
    # thread's sleeps (the grader runs sleeps faster, but not join's timeout).
    needed = sum(e.secs or 0 for e in run.events_of("sleep", pid=run.main_pid)
                 if e.tid == loop_thread.tid)
    joins = joins_of(run, loop_thread, last.t)
    if any(e.timeout is None or (isinstance(e.timeout, (int, float)) and e.timeout >= needed)
           for e in joins):
        return
    if joins:
        e = joins[-1]
        got = ("main called join(%s) on %s at line %d (`%s`), but %s sleeps %g s in all: "
               "a join with a shorter timeout can give up while %s is still running" % (
                   e.timeout, name, e.at.line, e.at.code, name, needed, name))
        hint = "Call t.join() without a timeout: it waits as long as the thread runs."
    else:
        got = "main never called join() on %s before printing `%s`" % (name, LAST)
        after = [e for e in run.events_of("thread_join", pid=run.main_pid)
                 if e.name == name and e.at and e.t > last.t]
        if after:
            got += " (main called join() only after that line, at line %d: `%s`)" % (
                after[0].at.line, after[0].at.code)
        hint = "Call t.join() before the last print: it waits for the thread to end."
    start = next((e for e in run.events_of("thread_start", pid=run.main_pid)
                  if e.name == name), None)
    naps = [e for e in run.events_of("sleep", pid=run.main_pid)
            if e.tid == last.tid and e.t < last.t and (start is None or e.t > start.t)]
    if naps:
        got += "; instead main slept %g s (%s)" % (
            sum(e.secs or 0 for e in naps), ", ".join(sorted(
                {"`%s` at line %d" % (e.at.code, e.at.line) for e in naps})))
        hint += " A sleep only guesses how long the thread needs."
    polls = [n for n in range(1, len(run.file.read_text(encoding="utf-8", errors="replace")
                                      .splitlines()) + 1)
             if re.search(r"\.is_alive\s*\(", run.source_line(n).split("#")[0])]
    if polls:
        got += "; your file checks is_alive() at line %d (`%s`)" % (polls[0],
                                                                   run.source_line(polls[0]))
    later = [l for l in loop_lines(run) if l.t > last.t]
    if loop_thread.ended is None or loop_thread.ended > last.t:
        got += "; in this run main printed it while %s was still running%s" % (
            name, " (%d of its lines came after)" % len(later) if later else "")
    raise Mistake("main prints `%s` after joining %s" % (LAST, name), got, hint,
                  lines=[last] + later)
