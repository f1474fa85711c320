"""Hidden suite of 07_pool: the primes below 200 000 counted in chunks, once on
a ProcessPoolExecutor and once on a ThreadPoolExecutor.  The harness records
every executor the student's file makes (its kind and max_workers), every task
submitted to it (function, arguments) and in which process and thread each task
began and ended.  No check looks at the printed times or compares a time with
a number of seconds: that two chunks ran at the same time is read from the
tasks' own begin/end records, which load cannot reorder."""
import ast
import re

from grader.checks import Mistake, program_runs

COUNT = re.compile(r"^\s*素数个数\s*[:：]\s*(-?\d+)\s*$")
RIGHT = 17984  # the primes below 200 000
INF = float("inf")


class Task:
    """One task given to a pool: a submit() call, or one chunk of executor.map."""

    def __init__(self, event):
        self.number = event["task"]
        self.fn = event.get("fn") or "?"
        self.args = event.get("args") or []
        self.items = event.get("items") or 1
        self.submitted = event["t"]
        self.at = event.get("at") or {}
        self.began = self.ended = None
        self.pid = self.thread = None
        self.error = None

    def call(self):
        """`count_primes(0, 25000)`; a task of executor.map shows its first call."""
        calls = None
        if len(self.args) == 1:
            try:
                calls = ast.literal_eval(self.args[0])
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                calls = None
        if isinstance(calls, tuple) and calls and len(calls) == self.items and \
                all(isinstance(c, tuple) for c in calls):
            first = "%s(%s)" % (self.fn, ", ".join(repr(a) for a in calls[0]))
            return first if len(calls) == 1 else "%s and %d more calls" % (first, len(calls) - 1)
        return "%s(%s)" % (self.fn, ", ".join(self.args))

    def span(self):
        return (self.began, INF if self.ended is None else self.ended)


class Pool:
    """One executor the student's file made, with its tasks in order."""

    def __init__(self, event):
        self.id = event["pool"]
        self.kind = event.get("kind")
        self.max_workers = event.get("max_workers")
        self.t = event["t"]
        at = event.get("at") or {}
        self.line, self.func = at.get("line"), at.get("func")
        self.tasks = []

    @property
    def cls(self):
        return "ProcessPoolExecutor" if self.kind == "process" else "ThreadPoolExecutor"

    def describe(self):
        where = "" if self.line is None else " made at line %d%s" % (
            self.line, "" if self.func in (None, "<module>") else " in %s" % self.func)
        return "the %s%s" % (self.cls, where)

    def ran(self):
        return [t for t in self.tasks if t.began is not None]

    def worker_pids(self):
        return sorted({t.pid for t in self.ran()})

    def chunks(self, most=4):
        """The tasks' calls, e.g. `count_primes(0, 25000), ..., count_primes(175000, 200000)`."""
        calls = [t.call() for t in self.tasks]
        if len(calls) > most:
            calls = calls[:most - 1] + ["...", calls[-1]]
        return ", ".join(calls)


def pools(run):
    """The student's executors in the order they were made (worked out once per run)."""
    found = getattr(run, "_pools", None)
    if found is not None:
        return found
    found, by_id, tasks = [], {}, {}
    for e in run.events_of("pool_made", "pool_submit", "pool_task_begin", "pool_task_end"):
        if e["ev"] == "pool_made":
            by_id[e["pool"]] = pool = Pool(e)
            found.append(pool)
            continue
        pool = by_id.get(e.get("pool"))
        if pool is None:
            continue
        key = (pool.id, e.get("task"))
        if e["ev"] == "pool_submit":
            tasks[key] = task = Task(e)
            pool.tasks.append(task)
            continue
        task = tasks.get(key)
        if task is None:
            continue
        if e["ev"] == "pool_task_begin" and task.began is None:
            task.began, task.pid, task.thread = e["t"], e["pid"], e.get("thread")
        elif e["ev"] == "pool_task_end" and task.ended is None:
            task.ended, task.error = e["t"], e.get("error")
    run._pools = found
    return found


def of_kind(run, kind):
    return [p for p in pools(run) if p.kind == kind]


def lines_of_code(pool_list):
    lines = ["%d" % p.line for p in pool_list if p.line is not None]
    return " and ".join(lines) if lines else "?"


def no_process_pool(run):
    """The Mistake of a run whose file made no ProcessPoolExecutor."""
    threads = of_kind(run, "thread")
    if threads:
        got = ("your file made no ProcessPoolExecutor, only ThreadPoolExecutors (line %s): every "
               "chunk of both versions ran in threads of the main process (pid %d), which take "
               "turns holding the GIL" % (lines_of_code(threads), run.main_pid))
    else:
        got = ("your file made no ProcessPoolExecutor: count_primes ran in the main process "
               "(pid %d)" % run.main_pid)
    return Mistake("the chunks of with_processes run on a ProcessPoolExecutor(max_workers=2)", got,
                   "with ProcessPoolExecutor(max_workers=2) as pool: submit count_primes(start, "
                   "end) for every chunk, then add up the results.", run=run)


def serial_submits(pool):
    """The task whose submit waited for the previous task's end, if every one did."""
    tasks = [t for t in pool.tasks if t.ended is not None]
    if len(tasks) < 2:
        return None
    if all(b.submitted >= a.ended for a, b in zip(pool.tasks, pool.tasks[1:])
           if a.ended is not None):
        return pool.tasks[1]
    return None


def secs(run, t):
    return "%.2fs" % run.at(t) if t not in (None, INF) else "never"


def timetable(run, pool, most=4):
    rows = []
    for task in pool.ran()[:most]:
        rows.append("    %s in %s: began %s, ended %s" % (
            task.call(), run.who(task.pid, task.thread), secs(run, task.began),
            secs(run, task.ended)))
    if len(pool.ran()) > most:
        rows.append("    ... (%d chunks in all)" % len(pool.ran()))
    return "\n".join(rows)


CRASH_HINTS = (
    (("object is not callable",),
     "Pass the function and its arguments separately: pool.submit(count_primes, start, end). "
     "pool.submit(count_primes(start, end)) counts in main right away and hands the pool the "
     "number, which the worker then tries to call."),
    (("pickle", "local object"),  # 3.13 says "Can't get local object" without "pickle"
     "A process pool sends each task to its worker with pickle, which finds a function by its "
     "name: submit a function defined at the top level of your file (count_primes), not a "
     "lambda or a function defined inside another function."),
)


def test_program_runs(run):
    try:
        program_runs(run)
    except Mistake as mistake:
        texts = [e.get("error") or "" for e in run.events_of("pool_task_end")]
        texts += [text for _, text in run.tracebacks()]
        hint = next((hint for keys, hint in CRASH_HINTS for text in texts
                     if any(key in text for key in keys)), None)
        if hint is None:
            raise
        raise Mistake(mistake.expected, mistake.got, hint, run=run) from None


def test_count_right(run):
    lines = run.printed(COUNT)
    if not lines:
        raise Mistake("`素数个数: 17984` printed by each version",
                      "no line `素数个数: N` was printed",
                      "Keep the stub's print: print(\"素数个数: %d\" % total).", run=run)
    wrong = [l for l in lines if int(COUNT.match(l.text).group(1)) != RIGHT]
    if wrong:
        line = wrong[0]
        number = int(COUNT.match(line.text).group(1))
        before = [p for p in pools(run) if p.tasks and p.t <= line.t]
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
            "which leaves `end` out. Check is_prime with 0, 1 and 2.", run=run, lines=wrong)
    if len(lines) < 2:
        raise Mistake("`素数个数: 17984` printed by each version: with_processes and with_threads",
                      "`素数个数` was printed only once", "Keep both prints of the stub and call "
                      "both functions under `if __name__ == \"__main__\":`.", run=run, lines=lines)


def test_work_split(run):
    made = pools(run)
    if not made:
        raise Mistake("each version gives its pool the range as more than one chunk",
                      "your file made no ProcessPoolExecutor or ThreadPoolExecutor, so no pool got "
                      "any chunk: count_primes ran in the main process",
                      "Split range(0, LIMIT) into chunks of CHUNK numbers and submit "
                      "count_primes(start, end) for each of them to the pool.", run=run)
    for pool in made:
        if len(pool.tasks) >= 2:
            continue
        if not pool.tasks:
            got = "%s was given no task" % pool.describe()
        else:
            task = pool.tasks[0]
            got = "%s was given one task: %s%s" % (
                pool.describe(), task.call(),
                " (map's chunksize packed all %d calls into that one task)" % task.items
                if task.items > 1 else "")
            got += (": one worker counts everything while the other has nothing to do")
        raise Mistake("each pool gets the range as more than one chunk (one task per chunk)", got,
                      "Submit one count_primes(start, end) per chunk: (0, 25000), (25000, 50000), "
                      "..., (175000, 200000). With ProcessPoolExecutor.map, leave chunksize out.",
                      run=run)


def test_process_pool(run):
    procs = of_kind(run, "process")
    if not procs:
        raise no_process_pool(run)
    pool = next((p for p in procs if p.ran()), procs[0])
    workers = pool.worker_pids()
    if len(workers) >= 2:
        return
    if not workers:
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
                    "result (line %s), so one worker was enough"
                    % serial_submits(pool).at.get("line", "?"))
    raise Mistake("the process version's chunks run in at least two worker processes",
                  got, "ProcessPoolExecutor(max_workers=2), and submit all the chunks before "
                  "asking for any result.", run=run)


def test_at_the_same_time(run):
    procs = of_kind(run, "process")
    if not procs:
        raise no_process_pool(run)
    for pool in procs:
        tasks = pool.ran()
        for i, a in enumerate(tasks):
            for b in tasks[i + 1:]:
                if a.pid != b.pid and a.span()[0] < b.span()[1] and b.span()[0] < a.span()[1]:
                    return
    pool = next((p for p in procs if p.ran()), procs[0])
    workers = pool.worker_pids()
    serial = serial_submits(pool)
    if serial is not None:
        why = ("main submitted each chunk only after the one before it had finished: calling "
               ".result() right after submit() (line %s) waits for that chunk, so the next one "
               "is sent only then" % serial.at.get("line", "?"))
        hint = ("Submit every chunk first (futures = [pool.submit(...) for ...]), then add up "
                "the results; or use pool.map.")
    elif len(pool.tasks) < 2:
        why = "there was only %s chunk" % ("one" if pool.tasks else "no")
        hint = "Split the range into chunks and submit each one."
    elif len(workers) < 2:
        why = "only one worker process ran chunks%s" % (
            " (max_workers=1)" if pool.max_workers == 1 else "")
        hint = "ProcessPoolExecutor(max_workers=2) has two workers that can count at once."
    else:
        why = "each chunk began only after the one before it had ended"
        hint = "Submit all the chunks before asking for any result."
    raise Mistake("two chunks run at the same time in different worker processes of %s"
                  % pool.describe(),
                  "no two chunks ran at the same time: %s\n%s" % (why, timetable(run, pool)),
                  hint, run=run)


def test_thread_pool(run):
    threads = of_kind(run, "thread")
    if not threads:
        procs = of_kind(run, "process")
        if len(procs) >= 2:
            got = ("both versions used a ProcessPoolExecutor (made at lines %s): the thread "
                   "version's chunks ran in worker processes, not in threads"
                   % lines_of_code(procs))
        else:
            got = ("your file made no ThreadPoolExecutor: the thread version counted in the "
                   "main thread of the main process")
        raise Mistake("the chunks of with_threads run on a ThreadPoolExecutor(max_workers=2)",
                      got, "with ThreadPoolExecutor(max_workers=2) as pool: the same code as "
                      "with_processes, with the other executor.", run=run)
    pool = next((p for p in threads if p.ran()), threads[0])
    if not pool.ran():
        raise Mistake("the chunks of with_threads run on a ThreadPoolExecutor",
                      "%s ran no task" % pool.describe(),
                      "Submit count_primes(start, end) for every chunk to it.", run=run)
    elsewhere = [t for t in pool.ran() if t.pid != run.main_pid or t.thread == "MainThread"]
    if elsewhere:
        task = elsewhere[0]
        raise Mistake("the thread version's chunks run in threads of the main process",
                      "%s ran in %s" % (task.call(), run.who(task.pid, task.thread)),
                      "Let the ThreadPoolExecutor's own threads run the chunks.", run=run)
