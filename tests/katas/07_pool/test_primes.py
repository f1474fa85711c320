"""Hidden suite of 07_pool: the primes below 200 000 counted in chunks, once on
a ProcessPoolExecutor and once on a ThreadPoolExecutor.  The harness records
every executor the student's file makes (its kind and max_workers), every task
submitted to it (function, arguments) and in which process and thread each task
began and ended.  No check looks at the printed times or compares a time with
a number of seconds: that two chunks ran at the same time is read from the
tasks' own begin/end records, which load cannot reorder."""
import ast
import os
import re

from grader.kata import Mistake, and_list, check, crash_hints
from grader.trace.relations import ran_together

COUNT = re.compile(r"^\s*素数个数\s*[:：]\s*(-?\d+)\s*$")
RIGHT = 17984  # the primes below 200 000
BELOW = 200_000  # the numbers counted: range(0, BELOW)


def of_kind(run, kind):
    return [p for p in run.pools if p.kind == kind]


POOL_WORKER = re.compile(r"^\w*PoolWorker-\d+$")  # a multiprocessing.Pool's worker process


def elsewhere(run):
    """What the program used instead of the executors of this exercise, as a phrase
    ('a multiprocessing.Pool (worker processes ForkPoolWorker-1 and ...)'), or None when
    nothing but main's own thread (and the file's executors) ran."""
    workers = {t.pid for p in run.pools for t in p.ran()}
    kids = [c for c in run.children() if c.pid not in workers and c.target != "_process_worker"]
    mp_pool = [c for c in kids if POOL_WORKER.match(c.name or "")]
    if mp_pool:
        return "a multiprocessing.Pool (its worker processes %s)" % and_list(
            "%s (pid %d)" % (c.name, c.pid) for c in mp_pool[:3])
    if kids:
        return "processes of its own (%s)" % and_list(c.describe() for c in kids[:3])
    threads = [t for t in run.threads if t.pid == run.main_pid and not t.internal
               and t.name != "MainThread" and not t.name.startswith("ThreadPoolExecutor")]
    if threads:
        return "threads of its own in the main process (%s)" % and_list(t.name for t in threads[:3])
    return None


def defines(run, fn):
    """Whether FN (a task's function name) is code of the student's file."""
    last = (fn or "").split(".")[-1]
    if "<lambda>" in (fn or "") or "<locals>" in (fn or ""):
        return True
    return bool(re.search(r"^\s*def\s+%s\s*\(" % re.escape(last),
                          run.file.read_text(encoding="utf-8", errors="replace")
                          if run.file.exists() else "", re.M))


def covered(task):
    """How many numbers the task count_primes(start, end) covers, or None if unknown."""
    if task.items != 1 or len(task.args) != 2:
        return None
    try:
        start, end = (ast.literal_eval(a) for a in task.args)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)):
        return None
    return max(0, min(end, BELOW) - max(start, 0))


def counted_outside(run):
    """', so none of the counting happened in the pool: ...' for a pool that ran none of
    the file's code, saying what else the program used."""
    other = elsewhere(run)
    return (", so none of the counting happened in the pool%s" % (
        ": your program used %s" % other if other else " (apart from its pools' own workers the "
        "program started no process or thread, so it all happened in the main process, pid %d)"
        % run.main_pid))


def one_per_chunk(run, kind):
    """'your file made a new ProcessPoolExecutor for every chunk: ...' when the file made
    a new executor of KIND for every chunk (several made at one line, each given at most
    one task); else None."""
    by_line = {}
    for pool in of_kind(run, kind):
        by_line.setdefault((pool.line, pool.func), []).append(pool)
    for (line, func), made in by_line.items():
        if len(made) > 1 and all(len(p.tasks) <= 1 for p in made):
            tasks = [t for p in made for t in p.tasks]
            shown = [t.call() for t in tasks[:3]] + (["..."] if len(tasks) > 3 else [])
            return ("your file made a new %s for every chunk: %d of them at line %s (`%s`), "
                    "each given %s (%s): a pool that gets one chunk keeps one worker busy while "
                    "the other has nothing to do"
                    % (made[0].cls, len(made), line, run.source_line(line),
                       "one task" if all(len(p.tasks) == 1 for p in made) else "at most one task",
                       ", ".join(shown) or "no task"))
    return None


PER_CHUNK_HINT = ("Make the pool once, before the loop: `with ProcessPoolExecutor(max_workers=2) "
                  "as pool:`, submit every chunk to that one pool, then add up the results.")


def not_counting(run, pool):
    """'the one task given to X was sleep(0), which runs none of your file's code, so ...'
    when every task of POOL runs a function that is not of the student's file; else None."""
    if not pool.tasks or any(defines(run, t.fn) for t in pool.tasks):
        return None
    return ("%s given to %s %s %s, which run%s none of your file's code%s" % (
        "the one task" if len(pool.tasks) == 1 else "the %d tasks" % len(pool.tasks),
        pool.describe(), "was" if len(pool.tasks) == 1 else "were",
        and_list(t.call() for t in pool.tasks[:3]), "s" if len(pool.tasks) == 1 else "",
        counted_outside(run)))


def lines_of_code(pool_list):
    lines = ["%d" % p.line for p in pool_list if p.line is not None]
    return " and ".join(lines) if lines else "?"


STAYED_IN_MAIN = ("no process other than main (pid %d) ran, so the counting stayed in the "
                  "main process")


def no_process_pool(run):
    """Raises the Mistake of a run whose file made no ProcessPoolExecutor."""
    threads = of_kind(run, "thread")
    other = elsewhere(run)
    hint = ("with ProcessPoolExecutor(max_workers=2) as pool: submit count_primes(start, end) "
            "for every chunk, then add up the results.")
    if other and other.startswith("a multiprocessing.Pool"):
        got = ("your file made no concurrent.futures.ProcessPoolExecutor: it used %s. The "
               "exercise asks for a ProcessPoolExecutor, whose submit() and map() hand out the "
               "chunks as futures" % other)
        hint = ("from concurrent.futures import ProcessPoolExecutor; with "
                "ProcessPoolExecutor(max_workers=2) as pool: pool.submit(count_primes, start, "
                "end) for every chunk (or pool.map), then add up the results.")
    elif other:
        got = "your file made no ProcessPoolExecutor: it used %s" % other
    elif threads:
        ran = [t for p in threads for t in p.ran()]
        got = ("your file made no ProcessPoolExecutor, only ThreadPoolExecutors (line %s)%s"
               % (lines_of_code(threads), ": their chunks ran in threads of the main process "
                  "(pid %d), which take turns holding the GIL" % run.main_pid
                  if ran and all(t.pid == run.main_pid for t in ran) else ""))
    else:
        got = "your file made no ProcessPoolExecutor: " + STAYED_IN_MAIN % run.main_pid
    raise Mistake("the chunks of with_processes run on a ProcessPoolExecutor(max_workers=2)", got,
                  hint)


def process_pools(run):
    """The file's ProcessPoolExecutors, or a Mistake saying what it used instead."""
    procs = of_kind(run, "process")
    if not procs:
        no_process_pool(run)
    return procs


def first_that_ran(pool_list):
    """The first of POOL_LIST whose tasks ran, or else the first."""
    return next((p for p in pool_list if p.ran()), pool_list[0])


def could_run_two(pool):
    """Whether POOL could have two workers counting at once: two or more workers
    (max_workers, or as many as the machine has CPUs) and two or more chunks."""
    workers = pool.max_workers
    if workers is None:  # the executor's default: as many as the machine has CPUs
        workers = os.cpu_count() or 1
    return isinstance(workers, int) and workers >= 2 and len(pool.tasks) >= 2


def serial_submits(pool):
    """The task whose submit waited for the previous task's end, if every one did."""
    tasks = [t for t in pool.tasks if t.ended is not None]
    if len(tasks) < 2:
        return None
    if all(b.submitted >= a.ended for a, b in zip(pool.tasks, pool.tasks[1:])
           if a.ended is not None):
        return pool.tasks[1]
    return None


def secs(t):
    return "never" if t is None else "%.2fs" % t


def timetable(run, pool, most=4):
    rows = []
    for task in pool.ran()[:most]:
        rows.append("    %s in %s: began %s, ended %s" % (
            task.call(), run.who(task.pid, task.thread), secs(task.began), secs(task.ended)))
    if len(pool.ran()) > most:
        rows.append("    ... (%d chunks in all)" % len(pool.ran()))
    return "\n".join(rows)


crash_hints(
    (("object is not callable",),
     "Pass the function and its arguments separately: pool.submit(count_primes, start, end). "
     "pool.submit(count_primes(start, end)) counts in main right away and hands the pool the "
     "number, which the worker then tries to call."),
    (("pickle", "local object"),  # 3.13 says "Can't get local object" without "pickle"
     "A process pool sends each task to its worker with pickle, which finds a function by its "
     "name: submit a function defined at the top level of your file (count_primes), not a "
     "lambda or a function defined inside another function."),
)


@check(2, "both versions print 素数个数: 17984", "两个版本都打印 素数个数: 17984")
def count_right(run):
    lines = run.printed(COUNT)
    if not lines:
        raise Mistake("`素数个数: 17984` printed by each version",
                      "no line `素数个数: N` was printed",
                      "Keep the stub's print: print(\"素数个数: %d\" % total).")
    wrong = [l for l in lines if int(COUNT.match(l.text).group(1)) != RIGHT]
    if wrong:
        line = wrong[0]
        number = int(COUNT.match(line.text).group(1))
        before = [p for p in run.pools if p.tasks and p.t <= line.t]
        shown = ("\nThe chunks given to %s: %s" % (before[-1].describe(), before[-1].chunks(8))
                 if before else "")
        if number == RIGHT + 1:
            why = ("one too many: is 1 counted as a prime (is_prime(1) must be False), or is a "
                   "prime at the edge of two chunks counted by both?")
        elif number == RIGHT - 1:
            why = ("one too few: is 2 counted (the only even prime), or is a number between or "
                   "after the chunks left out?")
        else:
            why = "%d %s" % (abs(number - RIGHT), "too many" if number > RIGHT else "too few")
        raise Mistake(
            "素数个数: 17984 (there are 17 984 primes below 200 000)",
            "%s printed `%s`: %s%s" % (run.who(line.pid, line.thread), line.text.strip(), why,
                                       shown),
            "The chunks must cover every number from 0 to 199 999 exactly once: "
            "(0, 25000), (25000, 50000), ..., (175000, 200000) with range(start, end), "
            "which leaves `end` out. Check is_prime with 0, 1 and 2.", lines=wrong)
    if len(lines) < 2:
        raise Mistake("`素数个数: 17984` printed by each version: with_processes and with_threads",
                      "`素数个数` was printed only once", "Keep both prints of the stub and call "
                      "both functions under `if __name__ == \"__main__\":`.", lines=lines)


@check(2, "each pool gets the range as more than one chunk", "每个池都把范围分成不止一块来计算")
def work_split(run):
    made = run.pools
    if not made:
        other = elsewhere(run)
        raise Mistake("each version gives its pool the range as more than one chunk",
                      "your file made no ProcessPoolExecutor or ThreadPoolExecutor, so no "
                      "executor got any chunk: %s" % (
                          "your program used %s instead" % other if other else
                          STAYED_IN_MAIN % run.main_pid),
                      "Split range(0, 200000) into chunks (of 25000 numbers, say) and submit "
                      "count_primes(start, end) for each of them to the pool.")
    for kind in ("process", "thread"):
        per_chunk = one_per_chunk(run, kind)
        if per_chunk:
            raise Mistake("each pool gets the range as more than one chunk (one pool, one task "
                          "per chunk)", per_chunk, PER_CHUNK_HINT)
    for pool in made:
        if len(pool.tasks) >= 2:
            continue
        if not pool.tasks:
            got = "%s was given no task%s" % (pool.describe(), counted_outside(run))
        else:
            task = pool.tasks[0]
            got = "%s was given one task: %s%s" % (
                pool.describe(), task.call(),
                " (map's chunksize packed all %d calls into that one task)" % task.items
                if task.items > 1 else "")
            numbers = covered(task)
            if not defines(run, task.fn):
                got = not_counting(run, pool)
            elif numbers is not None and numbers < BELOW:
                got += (": it covers only %d of the %d numbers below %d, so the rest never went "
                        "to the pool" % (numbers, BELOW, BELOW))
            elif numbers == BELOW or task.items > 1:
                got += ": one worker counts everything while the other has nothing to do"
            else:
                got += ": one task keeps one worker busy while the other has nothing to do"
        raise Mistake("each pool gets the range as more than one chunk (one task per chunk)", got,
                      "Submit one count_primes(start, end) per chunk: (0, 25000), (25000, 50000), "
                      "..., (175000, 200000). With ProcessPoolExecutor.map, leave chunksize out.")


@check(3, "the process version's chunks run in at least two worker processes of a "
          "ProcessPoolExecutor", "进程版本的各块在 ProcessPoolExecutor 的至少两个工作进程里运行")
def process_pool(run):
    pool = first_that_ran(process_pools(run))
    workers = pool.worker_pids()
    if len(workers) >= 2:
        return
    per_chunk = one_per_chunk(run, "process")
    if per_chunk:
        raise Mistake("the process version's chunks run in at least two worker processes of one "
                      "ProcessPoolExecutor", per_chunk, PER_CHUNK_HINT)
    if not_counting(run, pool):
        got = not_counting(run, pool)
    elif not workers:
        got = "%s ran no task" % pool.describe()
    else:
        got = "all %d chunks given to %s ran in one worker process (pid %d)" % (
            len(pool.ran()), pool.describe(), workers[0])
        if len(pool.tasks) == 1:
            got = "%s was given only one chunk, so only one worker process (pid %d) ran it" % (
                pool.describe(), workers[0])
        elif pool.max_workers == 1:
            got += ": max_workers=1 gives the pool a single worker"
        elif serial_submits(pool) is not None:
            got += (": each chunk was submitted only after the one before had returned its "
                    "result (line %s), so one worker was enough" % serial_submits(pool).line)
        elif could_run_two(pool):
            return  # the program let two workers count; the scheduler gave one all the chunks
    raise Mistake("the process version's chunks run in at least two worker processes",
                  got, "ProcessPoolExecutor(max_workers=2), and submit all the chunks before "
                  "asking for any result.")


@check(3, "two chunks run at the same time in different worker processes",
       "有两块在不同的工作进程里同时运行")
def at_the_same_time(run):
    procs = process_pools(run)
    for pool in procs:
        tasks = pool.ran()
        for i, a in enumerate(tasks):
            if any(a.pid != b.pid and ran_together(a, b) for b in tasks[i + 1:]):
                return
    pool = first_that_ran(procs)
    workers = pool.worker_pids()
    serial = serial_submits(pool)
    if serial is not None:
        why = ("main submitted each chunk only after the one before it had finished: calling "
               ".result() right after submit() (line %s) waits for that chunk, so the next one "
               "is sent only then" % serial.line)
        hint = ("Submit every chunk first (futures = [pool.submit(...) for ...]), then add up "
                "the results; or use pool.map.")
    elif one_per_chunk(run, "process"):
        raise Mistake("two chunks run at the same time in different worker processes of one "
                      "ProcessPoolExecutor",
                      "no pool ran two chunks at the same time: %s"
                      % one_per_chunk(run, "process"), PER_CHUNK_HINT)
    elif not_counting(run, pool):
        why = not_counting(run, pool)
        hint = ("Give the pool the counting itself: pool.submit(count_primes, start, end) for "
                "every chunk, and add up the results it returns.")
    elif len(pool.tasks) < 2:
        why = "there was only %s chunk" % ("one" if pool.tasks else "no")
        hint = "Split the range into chunks and submit each one."
    elif len(workers) < 2 and not (workers and could_run_two(pool)):
        why = "only one worker process ran chunks%s" % (
            " (max_workers=1)" if pool.max_workers == 1 else "")
        hint = "ProcessPoolExecutor(max_workers=2) has two workers that can count at once."
    else:
        return  # nothing in the program kept the chunks apart: the scheduler did, this time
    raise Mistake("two chunks run at the same time in different worker processes of %s"
                  % pool.describe(),
                  "no two chunks ran at the same time: %s\n%s" % (why, timetable(run, pool)),
                  hint)


@check(2, "the thread version's chunks run in a ThreadPoolExecutor, in threads of the main "
          "process", "线程版本的各块在 ThreadPoolExecutor 里运行，即在主进程的线程里")
def thread_pool(run):
    threads = of_kind(run, "thread")
    if not threads:
        procs = of_kind(run, "process")
        in_threads = [p for p in procs if "thread" in (p.func or "").lower()]
        other = elsewhere(run)
        if in_threads:
            got = ("%s used a ProcessPoolExecutor (made at line%s %s): with_threads's chunks ran "
                   "in worker processes, not in threads" % (
                       "both versions" if len(procs) > len(in_threads) else "with_threads",
                       "s" if len(procs) > 1 else "", lines_of_code(procs)))
        elif other:
            got = "your file made no ThreadPoolExecutor: your program used %s" % other
        elif len(procs) >= 2:
            got = ("your file made no ThreadPoolExecutor, only ProcessPoolExecutors (at lines %s)"
                   % lines_of_code(procs))
        else:
            got = ("your file made no ThreadPoolExecutor, and your program started no thread or "
                   "process for the thread version: it counted in the main thread of the main "
                   "process")
        raise Mistake("the chunks of with_threads run on a ThreadPoolExecutor(max_workers=2)",
                      got, "with ThreadPoolExecutor(max_workers=2) as pool: the same code as "
                      "with_processes, with the other executor.")
    pool = first_that_ran(threads)
    if not pool.ran():
        raise Mistake("the chunks of with_threads run on a ThreadPoolExecutor",
                      "%s ran no task" % pool.describe(),
                      "Submit count_primes(start, end) for every chunk to it.")
    outside = [t for t in pool.ran() if t.pid != run.main_pid or t.thread == "MainThread"]
    if outside:
        task = outside[0]
        raise Mistake("the thread version's chunks run in threads of the main process",
                      "%s ran in %s" % (task.call(), run.who(task.pid, task.thread)),
                      "Let the ThreadPoolExecutor's own threads run the chunks.")
