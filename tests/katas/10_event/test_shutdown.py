"""Hidden suite of 10_event: three worker threads repeat a 0.2 s step until
main sets one shared threading.Event; each says it got the signal and
returns, and main prints 全部停止 after joining them all.

Every time below is compared with another time of the same run (the event's
set, a worker's own steps), never with a wall-clock threshold."""
import re

from grader.checks import Mistake, program_runs

STEP = 0.2  # the step the exercise asks for, in the program's own seconds
NUMBERS = [1, 2, 3]
WORKING = re.compile(r"^\s*工人\s*(-?\d+)\s*工作中\s*$")
STOPPED = re.compile(r"^\s*工人\s*(-?\d+)\s*收到停止信号\s*$")
DONE = "全部停止"


# -- facts of the run ---------------------------------------------------------
def workers(run):
    """The threads of the main process other than MainThread, in the order they began."""
    found = [t for t in run.threads if t.pid == run.main_pid and t.name != "MainThread"]
    return sorted(found, key=lambda t: t.began)


def lines_of(run, thread, pattern):
    return [l for l in run.printed(pattern) if l.pid == thread.pid and l.thread == thread.name]


def number_of(run, thread):
    """The worker number a thread printed in its lines, or None."""
    for line in lines_of(run, thread, WORKING) + lines_of(run, thread, STOPPED):
        m = WORKING.match(line.text) or STOPPED.match(line.text)
        return int(m.group(1))
    return None


def label(run, thread):
    number = number_of(run, thread)
    return "工人 %d" % number if number is not None else "the worker thread %s" % thread.name


def start_of(run, thread):
    """The thread_start event of THREAD (name, daemon, at), or None."""
    for e in run.events_of("thread_start", pid=run.main_pid):
        if e["name"] == thread.name:
            return e
    return None


def main_set(run):
    """main's first Event.set() (an event_set event), or None."""
    found = [e for e in run.events_of("event_set", pid=run.main_pid) if e["thread"] == "MainThread"]
    return found[0] if found else None


def line_no(e):
    at = e.get("at") or {}
    return " (line %s)" % at["line"] if at.get("line") else ""


def intervals(lines):
    return [b.t - a.t for a, b in zip(lines, lines[1:])]


def need_event(run):
    event = main_set(run)
    if event is None:
        raise Mistake("main sets the Event the workers watch",
                      "main never set a threading.Event, so no worker was told to stop "
                      "(see the check about main setting the event)",
                      "stop = threading.Event() at module level; main calls stop.set().", run=run)
    return event


# -- the checks -----------------------------------------------------------------
def test_program_runs(run):
    program_runs(run)


def test_three_workers(run):
    threads = workers(run)
    if len(threads) != 3:
        raise Mistake(
            "main starts three worker threads",
            "main started %d thread%s" % (len(threads), "" if len(threads) == 1 else "s"),
            "threads = [threading.Thread(target=worker, args=(i,)) for i in (1, 2, 3)], "
            "then start each one.", run=run)
    for t in threads:
        start = start_of(run, t)
        if start is not None and start.get("daemon"):
            raise Mistake(
                "worker threads that are not daemons: main tells them to stop and they return",
                "%s was started as a daemon thread%s: a daemon is never told to stop, it is "
                "killed where it stands when main ends" % (label(run, t), line_no(start)),
                "Leave daemon at its default (False); stop the workers with the Event and "
                "join them.", run=run)
    for t in threads:
        if t.ended is None:
            raise Mistake("each worker thread ends by returning from its function",
                          "%s never returned: it was still running when the program ended"
                          % label(run, t),
                          "Let the worker's loop end when the event is set, and join it.",
                          run=run)


def test_works_in_steps(run):
    threads = workers(run)
    if not threads:
        raise Mistake("three worker threads print 工人 i 工作中", "no worker thread ran", run=run)
    event = main_set(run)
    numbers = {}
    for t in threads:
        said = sorted({int((WORKING.match(l.text) or STOPPED.match(l.text)).group(1))
                       for l in lines_of(run, t, WORKING) + lines_of(run, t, STOPPED)})
        if len(said) > 1:
            raise Mistake("each worker prints its own number i in every line",
                          "one thread printed the numbers %s" % ", ".join(map(str, said)),
                          "Pass each worker its number: Thread(target=worker, args=(i,)).",
                          run=run, lines=lines_of(run, t, WORKING)[:3])
        numbers[t.name] = said[0] if said else None
    others = [l for l in run.printed(WORKING)
              if l.pid != run.main_pid or l.thread not in numbers]
    if others:
        raise Mistake("the worker threads print 工人 i 工作中",
                      "%s printed `%s`" % (run.who(others[0].pid, others[0].thread),
                                           others[0].text.strip()),
                      "Print the step lines inside worker(i), which runs in its own thread.",
                      run=run, lines=others[:1])
    given = sorted(n for n in numbers.values() if n is not None)
    if len(threads) == 3 and given != NUMBERS:
        raise Mistake("the workers are numbered 1, 2, 3 (工人 1, 工人 2, 工人 3)",
                      "the workers printed the numbers %s" % (
                          ", ".join(map(str, given)) if given else "nothing"),
                      "Start the workers with args=(1,), (2,) and (3,): for i in (1, 2, 3).",
                      run=run)
    for t in threads:
        lines = lines_of(run, t, WORKING)
        who = label(run, t)
        before = [l for l in lines if event is None or l.t < event["t"]]
        gaps = intervals(lines + lines_of(run, t, STOPPED)[:1])  # the last step ends at the stop
        if len(before) < 2 and event is not None and event["t"] < t.began:
            raise Mistake(
                "each worker works in steps until it is told to stop",
                "%s printed `工人 i 工作中` %d time%s before the event was set: main set the event "
                "before the worker had even started, so it stopped at once"
                % (who, len(before), "" if len(before) == 1 else "s"),
                "Start the workers first, sleep 1 s, then set the event.", run=run, lines=lines)
        if not lines:
            raise Mistake("each worker prints `工人 i 工作中` at every step",
                          "%s never printed `工人 i 工作中`" % who,
                          "Print the line at each step: print('工人 %d 工作中' % i).", run=run)
        if len(before) < 2 or min(gaps) > 2 * STEP * run.scale:
            # min(gaps): load only makes a step longer, and one of a worker's
            # steps is enough to show the 0.2 s it sleeps; a 1 s step never
            # looks shorter than 1 s, however the machine is loaded.
            step = "one step took %.2f s" % (min(gaps) / run.scale) if gaps else \
                "it never got to a second step"
            raise Mistake(
                "each worker prints `工人 i 工作中` once per 0.2 s step, about 5 times before "
                "main sets the event after 1 s",
                "%s printed `%s` %d time%s before the event was set%s, and %s: a worker looks "
                "at the event once per step, so a long step means it notices the stop signal late"
                % (who, lines[0].text.strip(), len(before), "" if len(before) == 1 else "s",
                   " (at %.2f s)" % run.at(event["t"]) if event else "", step),
                "Sleep 0.2 s per step: time.sleep(0.2) (or stop.wait(0.2)).", run=run,
                lines=lines)


def test_main_sets_event(run):
    event = main_set(run)
    if event is None:
        others = run.events_of("event_set")
        if others:
            e = others[0]
            setter = [t for t in workers(run) if e["pid"] == t.pid and e["thread"] == t.name]
            raise Mistake("main sets the threading.Event",
                          "the event was set by %s%s, not by main" % (
                              label(run, setter[0]) if setter else run.who(e["pid"], e["thread"]),
                              line_no(e)),
                          "Call stop.set() in main, after time.sleep(1).", run=run)
        flags = sorted(k for k, v in (run.exit_globals or {}).items() if isinstance(v, bool))
        raise Mistake(
            "main sets a threading.Event that the workers watch",
            "main never called set() on a threading.Event%s" % (
                "; your file has the plain global variable %s, which an Event should replace"
                % ", ".join("`%s`" % f for f in flags) if flags else ""),
            "stop = threading.Event() at module level; workers loop `while not stop.is_set():`; "
            "main calls stop.set(). An Event can also be waited on: stop.wait(0.2).", run=run)
    late = [t for t in workers(run) if t.began is not None and t.began > event["t"]]
    if late:
        raise Mistake(
            "main sets the event after the workers have started",
            "main set the event%s at %.2f s, before %s had started, so the workers were told to "
            "stop before they began" % (line_no(event), run.at(event["t"]), label(run, late[0])),
            "Start the three threads first, time.sleep(1), then stop.set().", run=run)


def test_stops_within_a_step(run):
    event = need_event(run)
    when = event["t"]
    for t in workers(run):
        who = label(run, t)
        stops = lines_of(run, t, STOPPED)
        steps = lines_of(run, t, WORKING)
        if not stops:
            raise Mistake(
                "each worker prints `工人 i 收到停止信号` when it sees the event, then returns",
                "%s never printed `工人 i 收到停止信号`%s" % (
                    who, "; it was killed when the program ended" if t.ended is None else
                    ": it returned without saying so"),
                "After the loop, print('工人 %d 收到停止信号' % i).", run=run, lines=steps[-1:])
        stop = stops[0]
        if stop.t < when:
            raise Mistake(
                "each worker stops because main set the event",
                "%s printed `%s` at %.2f s, before main set the event%s at %.2f s"
                % (who, stop.text.strip(), run.at(stop.t), line_no(event), run.at(when)),
                "Loop `while not stop.is_set():` on the Event main sets.", run=run,
                lines=[stop])
        # Counted, not timed: a worker that looks at the event before every
        # step begins at most one step after the set (when the set falls
        # between its look and its print), however late a busy machine wakes
        # it; one that looks only every few steps begins several.  How long a
        # step is, the check about the steps judges.  (The time from the set
        # to the answer is not judged: one late wake-up on a loaded machine
        # made a correct worker look slow.)
        after = [l for l in steps if l.t > when]
        if len(after) > 1:
            raise Mistake(
                "each worker notices the event within one step (0.2 s) and stops",
                "%s began %d more steps after main set the event%s, before it printed `%s`: "
                "it does not look at the event before every step" % (
                    who, len(after), line_no(event), stop.text.strip()),
                "Check the event before each step: `while not stop.is_set():` around one step.",
                run=run, lines=after + [stop])
        if t.ended is None:
            raise Mistake("each worker returns after it has stopped",
                          "%s never returned" % who, run=run, lines=[stop])


def test_main_last_line(run):
    done = run.printed(DONE)
    if not done:
        raise Mistake("main prints `%s` last" % DONE, "nobody printed `%s`" % DONE,
                      "print('%s') in main after joining the workers." % DONE, run=run)
    last = done[-1]
    if last.pid != run.main_pid or last.thread != "MainThread":
        raise Mistake("main prints `%s`" % DONE,
                      "it was printed by %s" % run.who(last.pid, last.thread),
                      "Print it in main, after joining every worker.", run=run, lines=[last])
    event = main_set(run)
    threads = workers(run)
    for t in threads:
        joins = [e for e in run.events_of("thread_join", pid=run.main_pid)
                 if e["name"] == t.name and e["thread"] == "MainThread" and e["t"] <= last.t]
        timed = [e for e in joins if isinstance(e.get("timeout"), (int, float))]
        if joins and len(timed) == len(joins) and event is not None:
            # join's timeout is not run faster by the grader: judge it at normal
            # speed, against the one step a worker may take to notice the event.
            join = timed[-1]
            gives_up = run.at(join["began"]) + join["timeout"]
            may_need = run.at(event["t"]) + 2 * STEP
            if gives_up < may_need or join.get("alive"):
                raise Mistake(
                    "main prints `%s` after every worker has ended" % DONE,
                    "main called join(timeout=%s)%s on %s: %s, so main could print `%s` too "
                    "early" % (join["timeout"], line_no(join), label(run, t), (
                        "at normal speed that join gives up at %.2f s, while a worker may take "
                        "until %.2f s (two 0.2 s steps after the event was set) to stop"
                        % (gives_up, may_need)) if gives_up < may_need else
                        "the join gave up while the worker was still running", DONE),
                    "Call t.join() without a timeout: it waits as long as the worker runs.",
                    run=run, lines=[last])
    running = [t for t in threads if t.ended is None or t.ended > last.t]
    if running:
        t = running[0]
        raise Mistake(
            "main prints `%s` after every worker has ended" % DONE,
            "main printed it while %s was still running%s" % (
                label(run, t), " (it never ended: it was killed with the program)"
                if t.ended is None else ""),
            "Join every worker (for t in threads: t.join()) before print('%s')." % DONE,
            run=run, lines=[last] + [l for l in run.lines if l.t > last.t][:3])
