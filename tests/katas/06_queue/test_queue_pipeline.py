"""Hidden suite of 06_queue: a producer process puts 0…9 and then the sentinel
None on one multiprocessing queue, printing 生产: i after each put; a consumer
process takes them, printing 消费: i, and stops by itself on the sentinel;
main joins both and prints 全部完成.

The checks read the harness's queue facts (queue_made, queue_put: when put()
was called, queue_get: when get() returned, queue_empty, queue_probe: a call of
empty(), qsize() or full()) and compare times only within one thread, or a put
with the get of the same item.  They never compare the producer's printed
lines with the consumer's: the consumer may legally print 消费: i before the
producer prints 生产: i."""
import re

from grader.kata import Mistake, check, explains_failure, ordinal, waiting_in
from grader.trace.relations import waited_before_starting

ITEMS = [str(i) for i in range(10)]
SENTINEL = "None"
PRODUCED = re.compile(r"^\s*生产\s*[:：]\s*(\S+)\s*$")
CONSUMED = re.compile(r"^\s*消费\s*[:：]\s*(\S+)\s*$")
DONE = "全部完成"
PASS_IT = ("Create the queue in main and pass it to both processes as an argument: "
           "q = multiprocessing.Queue(); Process(target=producer, args=(q,)) and "
           "Process(target=consumer, args=(q,)).")
NO_SHARING = ("Processes do not share memory: a list or a global variable that the producer "
              "changes stays in the producer. %s" % PASS_IT)


# -- facts of the run ---------------------------------------------------------
def item(e):
    """The item of a queue event as the student would print it ('3' for 3 and '3')."""
    text = e.item or ""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def line_of(e):
    """The line of the student's file that made event E, or '?'."""
    return e.at.line if e.at else "?"


def line_no(e):
    return " (line %s)" % e.at.line if e.at else ""


def listed(items):
    items = list(items)
    if items == ITEMS:
        return "0…9"
    if len(items) > 12:
        return ", ".join(items[:10]) + ", … (%d in all)" % len(items)
    return ", ".join(items) if items else "nothing"


def by_pid(events):
    found = {}
    for e in events:
        found.setdefault(e.pid, []).append(e)
    return found


def each_did(run, pids, verb):
    """'process x (pid N) put 0, 1; process y (pid M) put 2': PIDS, {pid: its queue events}."""
    return "; ".join("%s %s %s" % (run.who(pid), verb, listed(item(e) for e in events))
                     for pid, events in pids.items())


def own_queues(run):
    """Text naming the child processes that made a queue of their own, or ''."""
    made = [e for e in run.events_of("queue_made") if e.pid != run.main_pid]
    if not made:
        return ""
    parts = ["%s made its own queue%s" % (run.who(e.pid), line_no(e)) for e in made]
    return ("%s. A queue connects two processes only when both use the same queue object: "
            "under spawn and forkserver every child imports your file again, so a queue made "
            "at module level or inside the function is a new, different queue in each process, "
            "and what one puts the other never sees." % "; ".join(parts))


def in_main(run, role, mine, did, itself, hint):
    """The Mistake of a ROLE that ran in the main process, MINE its queue events: in a
    thread of main, which DID the items ('put %s on'), or in main itself, which did ITSELF."""
    if mine[0].thread not in (None, "MainThread"):
        got = ("the %s ran in thread %s of the main process (pid %d), not in a process of its "
               "own: it %s the queue%s" % (role, mine[0].thread, run.main_pid,
                                           did % listed(item(e) for e in mine), line_no(mine[0])))
        hint = "Use multiprocessing.Process instead of threading.Thread."
    else:
        got = "the main process (pid %d) %s" % (run.main_pid, itself)
    return Mistake("the %s runs in a child process of its own" % role, got, hint)


def producer(run):
    """The child process that put the items on the queue, or a Mistake saying why not."""
    puts = [e for e in run.events_of("queue_put") if item(e) != SENTINEL]
    if not puts:
        if not run.events_of("queue_made"):
            raise Mistake("a producer process that puts 0…9 on a multiprocessing queue",
                          "your program used no multiprocessing queue: nothing was put on one",
                          NO_SHARING)
        raise Mistake("a producer process that puts 0…9 on the queue",
                      "no process put an item on the queue", "In producer(q): q.put(i) for each i.")
    pids = by_pid(puts)
    if run.main_pid in pids:
        mine = pids[run.main_pid]
        raise in_main(run, "producer", mine, "put %s on",
                      "put the items on the queue itself%s" % line_no(mine[0]),
                      "Run producer(q) in a multiprocessing.Process of its own: "
                      "Process(target=producer, args=(q,)), then start() it.")
    if len(pids) > 1:
        raise Mistake("one producer process puts the items",
                      "%d processes put items on the queue: %s" % (
                          len(pids), each_did(run, pids, "put")),
                      "Start one producer process.")
    return run.proc(puts[0].pid)


def consumer(run):
    """The child process that took the items off the queue, or a Mistake saying why not."""
    gets = run.events_of("queue_get")
    if not gets:
        empties = run.events_of("queue_empty")
        if not run.events_of("queue_made"):
            raise Mistake("a consumer process that takes the items off a multiprocessing queue",
                          "your program used no multiprocessing queue: nothing was taken off one",
                          NO_SHARING)
        got = "no process took anything off the queue"
        mixed = own_queues(run)
        idle = idle_children(run)
        if empties:
            got += (": every get() found its queue empty (the first at line %s in %s)"
                    % (line_of(empties[0]), run.who(empties[0].pid)))
        elif len(idle) == 1 and not mixed:
            got += ": %s ended without taking anything" % idle[0].describe()
            empty = asks_if_empty(run, idle[0])
            if empty:
                got += "; its code asks %s before it takes an item" % empty
        raise Mistake("a consumer process that takes the items off the queue",
                      got + (". " + mixed if mixed else ""),
                      PASS_IT if mixed else
                      "In consumer(q): item = q.get() in a loop, until the sentinel None.")
    pids = by_pid(gets)
    if run.main_pid in pids:
        mine = pids[run.main_pid]
        raise in_main(run, "consumer", mine, "took %s off",
                      "took the items off the queue itself%s: %s"
                      % (line_no(mine[0]), listed(item(e) for e in mine)),
                      "Run consumer(q) in a multiprocessing.Process of its own: "
                      "Process(target=consumer, args=(q,)); main only starts and joins.")
    if len(pids) > 1:
        raise Mistake("one consumer process takes every item",
                      "%d processes took items from the queue: %s" % (
                          len(pids), each_did(run, pids, "took")),
                      "Start one consumer process: with two, each item goes to whichever "
                      "asks first, so neither sees them all.")
    return run.proc(gets[0].pid)


def idle_children(run):
    """The child processes that put nothing on a queue."""
    putters = by_pid(run.events_of("queue_put"))
    return [x for x in run.children() if x.pid not in putters]


def one_process_both(proc, expected):
    """The Mistake of PROC that both produced and consumed."""
    return Mistake(expected,
                   "%s both put the items on the queue and took them off" % proc.describe(),
                   "Start one process for producer(q) and another for consumer(q).")


def both(run):
    """(producer, consumer): two different child processes, or a Mistake.  When no process
    took anything off the queue, the one other child process is the consumer."""
    p = producer(run)
    idle = idle_children(run)
    c = idle[0] if len(idle) == 1 and not run.events_of("queue_get") else consumer(run)
    if p.pid == c.pid:
        raise one_process_both(p, "the producer and the consumer are two different processes")
    return p, c


def printed_by(run, proc, pattern, expected, hint):
    """The lines PATTERN matches, all printed by PROC (else a Mistake, EXPECTED and HINT,
    naming another process that printed one)."""
    lines = run.printed(pattern)
    elsewhere = [l for l in lines if l.pid != proc.pid]
    if elsewhere:
        raise Mistake(expected,
                      "%s printed `%s`" % (run.who(elsewhere[0].pid, elsewhere[0].thread),
                                            elsewhere[0].text.strip()),
                      hint, lines=elsewhere[:1])
    return lines


def asks_if_empty(run, c):
    """'q.empty() at line 9 (`code`)' for the first q.empty() / q.qsize() / q.full() the
    process C called (recorded by the harness), or ''."""
    probes = run.events_of("queue_probe", pid=c.pid)
    if not probes:
        return ""
    e = probes[0]
    return "q.%s() at line %d (`%s`)" % (e.method, e.at.line if e.at else 0,
                                         e.at.code if e.at else "")


def how_it_ended(run, c):
    """Why the consumer process ended, in words (it did not end on the sentinel)."""
    stops = [e for e in run.events_of("proc_terminate", "proc_kill") if e.child == c.pid]
    by_student = [e for e in stops if e.at]
    if by_student:
        e = by_student[0]
        return "%s stopped the consumer with %s at line %d" % (
            "main" if e.pid == run.main_pid else run.who(e.pid),
            "terminate()" if e.ev == "proc_terminate" else "kill()", e.at.line)
    if c.daemon and (stops or c.exitcode is None or c.exitcode < 0):
        return ("the consumer was a daemon process, killed when main ended while it still "
                "waited for items")
    mine = run.events_of("queue_get", "queue_empty", pid=c.pid)
    if mine and mine[-1].ev == "queue_empty":
        e = mine[-1]
        call = ("get(timeout=%s)" % e.timeout if e.timeout is not None else
                "get_nowait()" if not e.block else "get()")
        return "the consumer stopped when %s%s raised queue.Empty" % (call, line_no(e))
    if c.ended is None or (c.exitcode or 0) != 0:
        return "the consumer did not end by itself (exit code %s)" % c.exitcode
    gets = [e for e in mine if e.ev == "queue_get"]
    if not gets:
        return "the consumer ended without taking anything"
    return ("the consumer ended by itself right after taking %s, its %s item: it stops after a "
            "fixed number of items (or on a value of its own) instead of waiting for the "
            "sentinel" % (item(gets[-1]), ordinal(len(gets))))


def get_after_sentinel(run):
    """Why a consumer hung after the sentinel, or '': it took None off the queue and then
    was found waiting in another get()."""
    for pid, gets in by_pid(run.events_of("queue_get")).items():
        if pid == run.main_pid or item(gets[-1]) != SENTINEL:
            continue
        stuck = [(line, fn) for line, fn, _ in waiting_in(run, pid) if fn == "get"]
        if not stuck:
            continue
        line = stuck[0][0]
        sentinel = gets[-1]
        last = [e for e in run.events_of("queue_put") if e.queue == sentinel.queue]
        nobody = (" Nothing was put on that queue after the sentinel (the last "
                  "put), so that get() waits for an item nobody will put, for ever."
                  if last and item(last[-1]) == SENTINEL and last[-1].t <= sentinel.t
                  else " The sentinel means that nothing more comes, so that get() waits for an "
                       "item nobody will put.")
        return ("%s took the sentinel None at line %s (`%s`) and then called get() again: it "
                "was still waiting in get() at line %d (`%s`) when the grader stopped the "
                "program.%s" % (run.who(pid), line_of(sentinel),
                                sentinel.at.code if sentinel.at else "", line,
                                run.source_line(line), nobody))
    return ""


# -- the checks -----------------------------------------------------------------
@explains_failure
def why_it_hung(run, mistake):
    """What kept a program that the grader stopped running: a get() after the sentinel,
    queues of the children's own, or no sentinel at all."""
    if not run.timed_out:
        return None
    again = get_after_sentinel(run)
    if again:
        return mistake.but(more=again, hint=(
            "Leave the loop as soon as get() returns the sentinel, without another "
            "get(): while True: item = q.get(); if item is None: break."))
    mixed = own_queues(run)
    if mixed and run.events_of("queue_put"):
        return mistake.but(more=mixed, hint=PASS_IT)
    if run.events_of("queue_get") and not any(
            item(e) == SENTINEL for e in run.events_of("queue_put")):
        return mistake.but(
            more="The producer never put the sentinel None on the queue, so the consumer "
                 "waited in get() for ever for the next item.",
            hint="After its last item the producer puts None on the queue; the consumer "
                 "stops when it takes None.")
    return None


@check(2, "a producer child process puts 0…9 on one multiprocessing queue, printing 生产: i "
          "after each put", "一个生产者子进程把 0…9 放进一个 multiprocessing 队列，每放一个打印 生产: i")
def producer_process(run):
    p = producer(run)
    puts = [e for e in run.events_of("queue_put", pid=p.pid) if item(e) != SENTINEL]
    put_items = [item(e) for e in puts]
    if put_items != ITEMS:
        raise Mistake("the producer puts 0, 1, …, 9 on the queue, in this order, each once",
                      "%s put %s" % (p.describe(), listed(put_items)),
                      "for i in range(10): q.put(i)")
    lines = printed_by(run, p, PRODUCED, "the producer process prints `生产: i`",
                       "Print `生产: i` in producer(q), right after q.put(i).")
    numbers = [PRODUCED.match(l.text).group(1) for l in lines]
    if numbers != ITEMS:
        raise Mistake("the producer prints `生产: i` once for each item, 0…9 in order",
                      "%s printed `生产:` with %s" % (p.describe(), listed(numbers)),
                      "print('生产: %d' % i) once per item, after q.put(i).", lines=lines)
    for line, put in zip(lines, puts):
        if line.t < put.t:
            raise Mistake("the producer prints `生产: i` after it has put i on the queue",
                          "%s printed `%s` before it put %s on the queue%s"
                          % (p.describe(), line.text.strip(), item(put), line_no(put)),
                          "First q.put(i), then print('生产: %d' % i).", lines=[line])


@check(3, "one consumer child process takes every item exactly once, in order, and prints "
          "消费: i for it", "一个消费者子进程按顺序把每个元素恰好取一次，并打印 消费: i")
def consumed_in_order(run):
    c = consumer(run)
    if c.pid in by_pid(run.events_of("queue_put")):
        raise one_process_both(c, "the consumer is a process of its own, not the producer")
    gets = [e for e in run.events_of("queue_get", pid=c.pid) if item(e) != SENTINEL]
    got = [item(e) for e in gets]
    if got != ITEMS:
        missing = [i for i in ITEMS if i not in got]
        twice = sorted({i for i in got if got.count(i) > 1}, key=got.index)
        why = []
        if missing:
            why.append("%s never taken" % listed(missing))
        if twice:
            why.append("%s taken more than once" % listed(twice))
        if not why:
            why.append("not in the order they were put")
        raise Mistake("the consumer takes 0…9 off the queue, each exactly once, in order",
                      "%s took %s: %s" % (c.describe(), listed(got), "; ".join(why)),
                      "Take items with q.get() until the sentinel None arrives; do not stop "
                      "early, and let one consumer take them all.")
    lines = printed_by(run, c, CONSUMED, "the consumer process prints `消费: i`",
                       "Print `消费: i` in consumer(q), for each item it takes.")
    numbers = [CONSUMED.match(l.text).group(1) for l in lines]
    if SENTINEL in numbers:
        bad = [l for l in lines if CONSUMED.match(l.text).group(1) == SENTINEL]
        raise Mistake("the consumer prints `消费: i` for the items only, not for the sentinel",
                      "%s printed `消费: None` for the sentinel: None is not an item, it only "
                      "says that nothing more comes" % c.describe(),
                      "Check for the sentinel right after q.get(), before printing: "
                      "if item is None: break.", lines=bad)
    if numbers != ITEMS:
        raise Mistake("the consumer prints `消费: i` once for each item it takes, 0…9 in order",
                      "%s printed `消费:` with %s" % (c.describe(), listed(numbers)),
                      "print('消费: %d' % item) once for each item taken.", lines=lines)


@check(2, "no item is consumed before it was produced: 消费: i comes after the consumer got i "
          "from the queue", "元素不会在生产之前被消费：消费者从队列取到 i 之后才打印 消费: i")
def consumed_after_produced(run):
    lines = run.printed(CONSUMED)
    gets = run.events_of("queue_get")
    if not lines or not gets:
        raise Mistake("the consumer prints `消费: i` after it took i off the queue",
                      "nothing was consumed: %s" % (
                          "no process printed `消费: i`" if not lines else
                          "`消费: i` was printed, but no process took anything off a "
                          "multiprocessing queue"),
                      "In consumer(q): item = q.get(), then print('消费: %d' % item).",
                      lines=lines[:3])
    puts = run.events_of("queue_put")
    for e in gets:
        if item(e) == SENTINEL:
            continue
        if not any(item(p) == item(e) and p.queue == e.queue and p.t < e.t for p in puts):
            raise Mistake("each item is taken only after the producer put it on the queue",
                          "%s took %s off the queue%s, but no process of your program had put "
                          "it there" % (run.who(e.pid, e.thread), item(e), line_no(e)),
                          "Only the producer puts items on the queue.")
    used = set()
    for line in lines:
        number = CONSUMED.match(line.text).group(1)
        if number == SENTINEL:
            continue  # a check of its own (consumed_in_order)
        mine = [e for e in gets if e.pid == line.pid and e.tid == line.tid
                and item(e) == number and id(e) not in used]
        before = [e for e in mine if e.t < line.t]
        if before:
            used.add(id(before[0]))
            continue
        who = run.who(line.pid, line.thread)
        put = next((p for p in puts if item(p) == number), None)
        late_put = (" The producer put %s on the queue only at %.2f s." % (number, put.t)
                    if put is not None and put.t > line.t else "")
        if mine:
            got = ("%s printed `%s` at %.2f s, before its get() returned %s (at %.2f s, line %s): "
                   "it announced an item it did not have yet.%s"
                   % (who, line.text.strip(), line.t, number, mine[0].t, line_of(mine[0]),
                      late_put))
        else:
            got = ("%s printed `%s` at %.2f s without taking %s off the queue: it never got %s "
                   "from a get().%s" % (who, line.text.strip(), line.t, number, number, late_put))
        raise Mistake("the consumer prints `消费: i` only after its get() returned i",
                      got, "item = q.get() first, then print('消费: %d' % item): print the item "
                      "that get() gave you.", lines=[line])


@check(2, "the producer and the consumer are alive at the same time",
       "生产者和消费者同时在运行")
def at_the_same_time(run):
    p, c = both(run)
    for first, second, name in ((p, c, "the producer"), (c, p, "the consumer")):
        second_start = run.start_of(second.pid)
        if second_start is None or first.ended is None:
            continue
        # main's start() call returns after the child may have begun (fork): either
        # fact before the first one's end means both were alive together.
        began = second.began if second.began is not None else second_start.t
        if second_start.t >= first.ended and began >= first.ended:
            join = waited_before_starting(run, first.pid, second.pid)
            if join is None:
                continue  # main did not wait for it: a busy machine delayed the second start()
            other = "the consumer" if second is c else "the producer"
            raise Mistake(
                "the producer and the consumer are alive at the same time: the second is "
                "started before the first has ended",
                "%s was started only after %s had ended, so they ran one after the other and the "
                "queue only stored the items. Main called join() on %s at line %d, before "
                "starting %s at line %s." % (other, name, name, join.at.line, other,
                                              line_of(second_start)),
                "Start both processes first, then join both.")


@check(3, "the producer ends with the sentinel None, and the consumer stops by itself on it "
          "(not terminated, not by a timeout)",
       "生产者以哨兵 None 结束，消费者收到它后自己停下（不是被终止，也不是超时）")
def ends_on_sentinel(run):
    p = producer(run)
    mine = run.events_of("queue_put", pid=p.pid)
    sentinels = [e for e in mine if item(e) == SENTINEL]
    if not sentinels:
        c = consumer(run)
        raise Mistake("the producer puts the sentinel None after its last item, and the consumer "
                      "stops by itself when it takes it",
                      "the producer never put the sentinel None on the queue (its last put was "
                      "%s%s); %s" % (item(mine[-1]), line_no(mine[-1]), how_it_ended(run, c)),
                      "After the loop, the producer puts None: q.put(None). The consumer stops "
                      "when it takes None: if item is None: break.")
    if item(mine[-1]) != SENTINEL or len(sentinels) > 1:
        raise Mistake("the producer puts the sentinel None once, after its last item",
                      "the producer put None %d time%s, the first%s %s" % (
                          len(sentinels), "" if len(sentinels) == 1 else "s",
                          line_no(sentinels[0]), "before it had put all its items (its last put "
                          "was %s%s)" % (item(mine[-1]), line_no(mine[-1]))
                          if item(mine[-1]) != SENTINEL else "after its last item"),
                      "Put None once, after the loop that puts 0…9: one consumer, one sentinel.")
    for child in run.children():
        empty = asks_if_empty(run, child) if child.pid != p.pid else ""
        if not empty:
            continue
        raise Mistake("the consumer stops on the sentinel, and only on it",
                      "%s asks %s: an empty queue does not mean that the producer is done, the "
                      "next item may just not be there yet; a consumer that stops on q.empty() "
                      "may stop too early, or find every item already there only because it "
                      "started late" % (child.describe(), empty),
                      "Loop `while True: item = q.get()` and break on the sentinel: "
                      "if item is None: break. get() without a timeout waits for the next item.")
    c = consumer(run)
    events = run.events_of("queue_get", "queue_empty", pid=c.pid)
    taken = [e for e in events if e.ev == "queue_get" and item(e) == SENTINEL]
    if not taken:
        raise Mistake("the consumer stops by itself when it takes the sentinel None",
                      "the consumer never took the sentinel None that the producer put%s; %s"
                      % (line_no(sentinels[0]), how_it_ended(run, c)),
                      "Keep taking items until get() returns None: "
                      "while True: item = q.get(); if item is None: break.")
    after = events[events.index(taken[0]) + 1:]
    if after:
        e = after[0]
        raise Mistake("the consumer stops right after it takes the sentinel None",
                      "the consumer took the sentinel None%s but went on: it then called get()"
                      "%s%s" % (line_no(taken[0]), line_no(e),
                                " and stopped only when that raised queue.Empty"
                                if e.ev == "queue_empty" else ""),
                      "Leave the loop as soon as get() returns None: if item is None: break.")
    stops = [e for e in run.events_of("proc_terminate", "proc_kill") if e.child == c.pid]
    if stops or c.ended is None or (c.exitcode or 0) != 0:
        raise Mistake("the consumer ends by itself after it takes the sentinel None",
                      "the consumer took None%s but did not end by itself: %s"
                      % (line_no(taken[0]), how_it_ended(run, c)),
                      "After the loop, let consumer(q) return; main only joins it.")


@check(1, "main waits for both processes, then prints 全部完成",
       "main 等两个进程都结束后再打印 全部完成")
def main_waits(run):
    done = run.printed(DONE)
    if not done:
        raise Mistake("main prints `%s` at the end" % DONE, "nobody printed `%s`" % DONE,
                      "print('%s') in main after joining both processes." % DONE)
    last = done[-1]
    if last.pid != run.main_pid or last.thread != "MainThread":
        raise Mistake("main prints `%s`" % DONE,
                      "it was printed by %s" % run.who(last.pid, last.thread),
                      "Print it in main, after joining both processes.", lines=[last])
    children = run.events_of("proc_started", pid=run.main_pid)
    if not children:
        raise Mistake("main starts the producer and consumer processes, waits for both, then "
                      "prints `%s`" % DONE, "main started no process to wait for",
                      "Start a producer process and a consumer process, join both, then "
                      "print('%s')." % DONE, lines=[last])
    for start in children:
        child = run.proc(start.child)
        label = child.describe() if child else "the process started at line %s" % line_of(start)
        joins = [e for e in run.events_of("proc_join", pid=run.main_pid)
                 if e.child == start.child and e.t <= last.t]
        if any(e.exitcode is not None for e in joins):
            continue
        if joins:
            got = ("main called join(timeout=%s)%s on %s, which gave up while it was still "
                   "running, and then printed `%s`" % (joins[-1].timeout, line_no(joins[-1]),
                                                       label, DONE))
        else:
            got = "main printed `%s` before joining %s" % (DONE, label)
        raise Mistake("main prints `%s` after it has joined both processes" % DONE, got,
                      "Join both processes (p.join(); c.join()) before print('%s')." % DONE,
                      lines=[last])
