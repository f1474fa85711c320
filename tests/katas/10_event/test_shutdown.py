"""Hidden suite of 10_event: three worker threads repeat a 0.2 s step until
main sets one shared threading.Event; each says it got the signal and
returns, and main prints 全部停止 after joining them all.

Every time below is compared with another time of the same run (the event's
set, a worker's own steps), never with a wall-clock threshold."""
import re

from grader.kata import Mistake, and_list, check, explains_failure, times
from grader.trace.relations import joins_of, start_of_thread, still_running

STEP = 0.2  # the step the exercise asks for, in the program's own seconds
NUMBERS = [1, 2, 3]
WORKING = re.compile(r"^\s*工人\s*(-?\d+)\s*工作中\s*$")
STOPPED = re.compile(r"^\s*工人\s*(-?\d+)\s*收到停止信号\s*$")
DONE = "全部停止"
STEP_HINT = "Sleep 0.2 s per step: time.sleep(0.2) (or stop.wait(0.2))."
FIVE_STEPS = ("each worker prints `工人 i 工作中` once per 0.2 s step, about 5 times before main "
              "sets the event after 1 s")
JOIN_HINT = "Join every worker (for t in threads: t.join()) before print('%s')." % DONE
ONE_EVENT = ("Make one Event, once, at module level (stop = threading.Event()) or in main, and "
             "let every worker watch that one; main calls stop.set().")


# -- facts of the run ---------------------------------------------------------
def workers(run):
    """The threads of the main process other than MainThread, in the order they began."""
    found = [t for t in run.threads if t.pid == run.main_pid and t.name != "MainThread"]
    return sorted(found, key=lambda t: t.began)


def number_of(run, thread):
    """The worker number a thread printed in its lines, or None."""
    for line in run.printed(WORKING, by=thread) + run.printed(STOPPED, by=thread):
        m = WORKING.match(line.text) or STOPPED.match(line.text)
        return int(m.group(1))
    return None


def label(run, thread):
    number = number_of(run, thread)
    return "工人 %d" % number if number is not None else "the worker thread %s" % thread.name


def main_set(run):
    """main's first Event.set() (an event_set event), or None."""
    return next((e for e in run.events_of("event_set", pid=run.main_pid)
                 if e.thread == "MainThread"), None)


def line_no(e):
    return " (line %d)" % e.at.line if e.at else ""


def join_gives_up(run, event, join):
    """When JOIN, a join with a timeout, gives up at the latest in the program's own
    time: after main set EVENT, what main itself waited before the join (its
    sleeps, and its earlier joins: their timeouts, or less if they returned
    sooner) and then the join's timeout -- not when main happened to get to it,
    which a loaded machine may delay (a join begun late must not make a timeout
    shorter than a step look long enough)."""
    if join.began is None or join.began < event.t:
        return (join.began or join.t) + join.timeout
    waits = [e for e in run.events_of("sleep", "thread_join", pid=run.main_pid)
             if e.thread == "MainThread" and e is not join and event.t < e.t <= join.began]
    waited = sum(e.secs or 0 if e.ev == "sleep" else
                 min(e.t - (e.began if e.began is not None else e.t),
                     e.timeout if isinstance(e.timeout, (int, float)) else float("inf"))
                 for e in waits)
    return event.t + waited + join.timeout


def need_event(run):
    event = main_set(run)
    if event is None:
        raise Mistake("main sets the Event the workers watch",
                      "main never set a threading.Event, so no worker was told to stop "
                      "(see the check about main setting the event)",
                      "stop = threading.Event() at module level; main calls stop.set().")
    return event


PAUSE = 1.0  # main sleeps this long (its own seconds) after starting the workers
WAIT = re.compile(r"\.wait\(\s*(?:timeout\s*=\s*)?(\d+(?:\.\d*)?|\.\d+)\s*\)")


def timed_waits(looks):
    """(seconds, look) for each of LOOKS that is an Event.wait with a number in its call."""
    found = [(WAIT.search(look.at.code) if look.how == "wait" and look.at else None, look)
             for look in looks]
    return [(float(m.group(1)), look) for m, look in found if m]


def main_pause(run, event):
    """(seconds, [(line, code)]): how long main slept (time.sleep, or Event.wait with a
    number in its call) between starting the last worker and EVENT, in its own seconds."""
    starts = [e.t for e in run.events_of("thread_start", pid=run.main_pid)
              if e.thread == "MainThread" and e.t <= event.t]
    since = max(starts) if starts else 0.0  # main began at 0
    naps = [e for e in run.events_of("sleep", pid=run.main_pid)
            if e.thread == "MainThread" and since <= e.t <= event.t]
    total = sum(e.secs or 0 for e in naps)
    where = sorted({(e.at.line, e.at.code) for e in naps})
    # Event.wait(1) in main sleeps too (its time is not recorded)
    for secs, look in timed_waits(run.main_looks):
        if look.count == 1:
            total += secs
            where.append((look.at.line, look.at.code))
    return total, where


def made_line(run, number):
    """' made at line 7 in <module>' where the Event NUMBER was made, or ''."""
    made = [e for e in run.events_of("event_made") if e.event == number and e.at]
    return " made at %s" % made[-1].at.in_func if made else ""


def own_events(run):
    """{worker label: [event_made events]} for the Events the worker threads made themselves."""
    found = {}
    for t in workers(run):
        mine = run.made_by(t, "event_made")
        if mine:
            found[label(run, t)] = mine
    return found


# -- the checks -----------------------------------------------------------------
@explains_failure
def unseen_signal(run, mistake):
    """A program that never ended because its workers watched Events main did not set."""
    if not run.timed_out:
        return None
    own = own_events(run)
    sets = run.events_of("event_set", pid=run.main_pid)
    made = {e.event: e for e in run.events_of("event_made") if e.at}
    unset = [n for n in made if n not in {e.event for e in sets}]
    if own:
        places = sorted({e.at.in_func for made in own.values() for e in made if e.at})
        more = ("The workers could not see main's signal: %s made an Event of %s own (at %s)%s. "
                "A worker that watches an Event of its own never sees main's set()." % (
                    and_list(sorted(own)), "its" if len(own) == 1 else "their",
                    " and ".join(places),
                    ", while main's set() at line %d set the Event%s" % (
                        sets[0].at.line, made_line(run, sets[0].event))
                    if sets and sets[0].at else ", and main set no Event"))
    elif len(made) > 1 and unset:
        more = ("Your file made %d Events (at %s), and main set %s of them: a worker that "
                "watches an Event nobody sets runs for ever." % (
                    len(made), " and ".join(sorted({e.at.in_func for e in made.values()})),
                    len(made) - len(unset) or "none"))
    else:
        return None
    return mistake.but(more=more, hint=ONE_EVENT)


@check(2, "main starts three worker threads, none of them a daemon, and each ends by returning",
       "main 启动三个工人线程，都不是守护线程，并且每个都通过返回结束")
def three_workers(run):
    threads = workers(run)
    if len(threads) != 3:
        raise Mistake(
            "main starts three worker threads",
            "main started %d thread%s" % (len(threads), "" if len(threads) == 1 else "s"),
            "threads = [threading.Thread(target=worker, args=(i,)) for i in (1, 2, 3)], "
            "then start each one.")
    for t in threads:
        start = start_of_thread(run, t)
        if start is not None and start.daemon:
            raise Mistake(
                "worker threads that are not daemons: main tells them to stop and they return",
                "%s was started as a daemon thread%s: a daemon is never told to stop, it is "
                "killed where it stands when main ends" % (label(run, t), line_no(start)),
                "Leave daemon at its default (False); stop the workers with the Event and "
                "join them.")
    for t in threads:
        if t.ended is None:
            raise Mistake("each worker thread ends by returning from its function",
                          "%s never returned: it was still running when the program ended"
                          % label(run, t),
                          "Let the worker's loop end when the event is set, and join it.")


@check(1, "each worker prints 工人 i 工作中 once per 0.2 s step",
       "每个工人每 0.2 秒一步，每步打印 工人 i 工作中")
def works_in_steps(run):
    threads = workers(run)
    if not threads:
        raise Mistake("three worker threads print 工人 i 工作中", "no worker thread ran")
    event = main_set(run)
    numbers = {}
    for t in threads:
        said = sorted({int((WORKING.match(l.text) or STOPPED.match(l.text)).group(1))
                       for l in run.printed(WORKING, by=t) + run.printed(STOPPED, by=t)})
        if len(said) > 1:
            raise Mistake("each worker prints its own number i in every line",
                          "one thread printed the numbers %s" % ", ".join(map(str, said)),
                          "Pass each worker its number: Thread(target=worker, args=(i,)).",
                          lines=run.printed(WORKING, by=t)[:3])
        numbers[t.name] = said[0] if said else None
    others = [l for l in run.printed(WORKING)
              if l.pid != run.main_pid or l.thread not in numbers]
    if others:
        raise Mistake("the worker threads print 工人 i 工作中",
                      "%s printed `%s`" % (run.who(others[0].pid, others[0].thread),
                                           others[0].text.strip()),
                      "Print the step lines inside worker(i), which runs in its own thread.",
                      lines=others[:1])
    given = sorted(n for n in numbers.values() if n is not None)
    if len(threads) == 3 and given != NUMBERS:
        raise Mistake("the workers are numbered 1, 2, 3 (工人 1, 工人 2, 工人 3)",
                      "the workers printed the numbers %s" % (
                          ", ".join(map(str, given)) if given else "nothing"),
                      "Start the workers with args=(1,), (2,) and (3,): for i in (1, 2, 3).")
    # main set the event before it had slept its 1 s: few steps are its fault, not the worker's
    early = event is not None and main_pause(run, event)[0] < PAUSE - 1e-9
    for t in threads:
        lines = run.printed(WORKING, by=t)
        who = label(run, t)
        before = [l for l in lines if event is None or l.t < event.t]
        ends = lines + run.printed(STOPPED, by=t)[:1]  # the last step ends at the stop
        gaps = [b.t - a.t for a, b in zip(ends, ends[1:])]
        if len(before) < 2 and event is not None and event.t < t.began:
            raise Mistake(
                "each worker works in steps until it is told to stop",
                "%s printed `工人 i 工作中` %d time%s before the event was set: main set the event "
                "before the worker had even started, so it stopped at once"
                % (who, len(before), "" if len(before) == 1 else "s"),
                "Start the workers first, sleep 1 s, then set the event.", lines=lines)
        if early and len(lines) < 2:
            continue  # set before a second step: the check about main's sleep says so
        asked_steps = len(run.made_by(t, "sleep")) + sum(
            look.count for _, look in timed_waits(t.looks))
        if not lines and asked_steps <= 1 and event is not None:
            # One step asked for and none printed: the set came before the worker's
            # first step ended (`while not stop.wait(0.2):` then sees it set), as a busy
            # machine can make happen to a correct worker; nothing here to judge.
            continue
        if not lines:
            raise Mistake("each worker prints `工人 i 工作中` at every step",
                          "%s never printed `工人 i 工作中`" % who,
                          "Print the line at each step: print('工人 %d 工作中' % i).")
        # A step is judged by what the worker asked for: its sleeps (or the number in its
        # Event.wait call), never by the clock, which load only slows down.  One step
        # more or less is allowed: the last step may end without a sleep, and a
        # `while not stop.wait(0.2):` loop waits once more than it prints.
        naps = run.made_by(t, "sleep")
        asked = sum(e.secs or 0 for e in naps)
        places = sorted({(e.at.line, e.at.code) for e in naps})
        if not naps:
            for secs, look in timed_waits(t.looks):
                asked += secs * look.count
                places.append((look.at.line, look.at.code))
        steps = len(lines)
        code = ", ".join("`%s` at line %d" % (text, line) for line, text in places)
        if places and steps > 1 and asked < STEP * (steps - 1) - 1e-9:
            raise Mistake(
                "each worker prints `工人 i 工作中` once per 0.2 s step",
                "%s made %d steps but slept only %g s in all (%s): about %.2f s per step, not "
                "0.2 s" % (who, steps, asked, code, asked / steps),
                STEP_HINT, lines=lines)
        if places and asked > STEP * (steps + 1) + 1e-9:
            raise Mistake(
                FIVE_STEPS,
                "%s printed `%s` %d time%s before the event was set, and it slept %g s in %d "
                "step%s (%s): about %.2f s per step, not 0.2 s. A worker looks at the event once "
                "per step, so a long step means it notices the stop signal late" % (
                    who, lines[0].text.strip(), len(before), "" if len(before) == 1 else "s",
                    asked, steps, "" if steps == 1 else "s", code, asked / steps),
                STEP_HINT, lines=lines)
        if places:
            continue
        if (len(before) < 2 and not early) or min(gaps) > 2 * STEP:
            # min(gaps): load only makes a step longer, and one of a worker's
            # steps is enough to show the 0.2 s it sleeps; a 1 s step never
            # looks shorter than 1 s, however the machine is loaded.
            step = "one step took %.2f s" % min(gaps) if gaps else "it never got to a second step"
            raise Mistake(
                FIVE_STEPS,
                "%s printed `%s` %d time%s before the event was set%s, and %s: a worker looks "
                "at the event once per step, so a long step means it notices the stop signal late"
                % (who, lines[0].text.strip(), len(before), "" if len(before) == 1 else "s",
                   " (at %.2f s)" % event.t if event else "", step),
                STEP_HINT, lines=lines)


@check(2, "main sleeps 1 s after starting the workers, then sets a threading.Event",
       "main 启动工人后睡眠 1 秒，然后设置一个 threading.Event")
def main_sets_event(run):
    event = main_set(run)
    if event is None:
        others = run.events_of("event_set")
        if others:
            e = others[0]
            setter = [t for t in workers(run) if e.pid == t.pid and e.thread == t.name]
            raise Mistake("main sets the threading.Event",
                          "the event was set by %s%s, not by main" % (
                              label(run, setter[0]) if setter else run.who(e.pid, e.thread),
                              line_no(e)),
                          "Call stop.set() in main, after time.sleep(1).", events=[e])
        flags = sorted(k for k, v in (run.exit_globals or {}).items() if isinstance(v, bool))
        raise Mistake(
            "main sets a threading.Event that the workers watch",
            "main never called set() on a threading.Event%s" % (
                "; your file has the plain global variable %s, which an Event should replace"
                % ", ".join("`%s`" % f for f in flags) if flags else ""),
            "stop = threading.Event() at module level; workers loop `while not stop.is_set():`; "
            "main calls stop.set(). An Event can also be waited on: stop.wait(0.2).")
    late = [t for t in workers(run) if t.began is not None and t.began > event.t]
    if late:
        raise Mistake(
            "main sets the event after the workers have started",
            "main set the event%s at %.2f s, before %s had started, so the workers were told to "
            "stop before they began" % (line_no(event), event.t, label(run, late[0])),
            "Start the three threads first, time.sleep(1), then stop.set().", events=[event])
    # Decided by what main asked for, not by the clock: the seconds it slept (the
    # sleep events of your file) between starting the workers and the set.
    slept, where = main_pause(run, event)
    if slept < PAUSE - 1e-9:
        starts = [e for e in run.events_of("thread_start", pid=run.main_pid)
                  if e.thread == "MainThread" and e.t <= event.t]
        raise Mistake(
            "main sleeps 1 s after starting the workers, then sets the event",
            "main set the event%s %.2f s after starting the workers; %s: the exercise asks for "
            "1 s, so that each worker first works about five steps" % (
                line_no(event), event.t - starts[-1].t if starts else event.t,
                "it slept only %g s there (%s)" % (slept, ", ".join(
                    "`%s` at line %d" % (code, line) for line, code in where))
                if where else "it did not sleep in between"),
            "Start the three threads, time.sleep(1), then stop.set().", events=[event])


@check(2, "all workers watch one shared Event, the one main sets",
       "所有工人都看同一个共用的 Event，也就是 main 设置的那个")
def one_shared_event(run):
    event = need_event(run)
    ended = [t for t in workers(run) if t.ended is not None]  # looks are counted at the end
    if not ended:
        return
    by_main = {e.event: e for e in run.events_of("event_set", pid=run.main_pid)
               if e.thread == "MainThread"}
    watched = {t.name: {look.event for look in t.looks} for t in ended}
    shared = set.intersection(*watched.values())
    if shared & set(by_main):
        return
    expected = "all workers watch one shared Event, the one main sets"
    hint = ("Make one Event, once (stop = threading.Event() at module level, or in main and "
            "passed to every worker), let every worker watch it, and call stop.set() once in main.")
    blind = [t for t in ended if not watched[t.name]]
    if blind:
        raise Mistake(expected, "%s never looked at an Event (neither is_set() nor wait())"
                      % label(run, blind[0]), hint)
    if shared:
        number = sorted(shared)[0]
        raise Mistake(expected, "the workers all watched the Event%s, but main never set that "
                      "one: it set the Event%s at line %d" % (
                          made_line(run, number), made_line(run, event.event),
                          event.at.line), hint)
    events = set().union(*watched.values())
    if len(events) == sum(len(w) for w in watched.values()):  # no Event watched by two workers
        places = sorted({made_line(run, n) for n in events} - {""})
        each = "%s each watched an Event of its own (%d different Events%s)" % (
            and_list([label(run, t) for t in ended]), len(events),
            ",%s" % " and".join(places) if places else "")
    else:
        each = "; ".join("%s watched the Event%s" % (
            label(run, t), " and the Event".join(made_line(run, n) or " #%d" % (i + 1)
                                                  for i, n in enumerate(sorted(watched[t.name]))))
            for t in ended)
    raise Mistake(
        expected,
        "the workers did not watch one shared Event: %s. Main set %d Event%s (at line %s)%s" % (
            each, len(by_main), "" if len(by_main) == 1 else "s",
            " and ".join(sorted({str(e.at.line) for e in by_main.values()})),
            "" if len(by_main) == 1 else ", one set() per worker instead of one for all"),
        hint)


@check(3, "every worker prints 工人 i 收到停止信号 within one step after the event is set",
       "事件被设置后，每个工人在一步之内打印 工人 i 收到停止信号")
def stops_within_a_step(run):
    event = need_event(run)
    when = event.t
    for t in workers(run):
        who = label(run, t)
        stops = run.printed(STOPPED, by=t)
        steps = run.printed(WORKING, by=t)
        if not stops:
            raise Mistake(
                "each worker prints `工人 i 收到停止信号` when it sees the event, then returns",
                "%s never printed `工人 i 收到停止信号`%s" % (
                    who, "; it was killed when the program ended" if t.ended is None else
                    ": it returned without saying so"),
                "After the loop, print('工人 %d 收到停止信号' % i).", lines=steps[-1:])
        stop = stops[0]
        if stop.t < when:
            raise Mistake(
                "each worker stops because main set the event",
                "%s printed `%s` at %.2f s, before main set the event%s at %.2f s"
                % (who, stop.text.strip(), stop.t, line_no(event), when),
                "Loop `while not stop.is_set():` on the Event main sets.", lines=[stop])
        # Counted, not timed: a worker that looks at the event before every
        # step begins at most one step after the set (when the set falls
        # between its look and its print), however late a busy machine wakes
        # it; one that looks only every few steps begins several.  How long a
        # step is, the check about the steps judges.  (The time from the set
        # to the answer is not judged: one late wake-up on a loaded machine
        # made a correct worker look slow.)
        # A worker that looked at an event fewer times than it began steps
        # skips the look before some steps, however its steps fell this time.
        after = [l for l in steps if l.t > when]
        looked = sum(look.count for look in t.looks)
        if len(after) > 1 or 0 < looked < len(steps):
            raise Mistake(
                "each worker notices the event within one step (0.2 s) and stops",
                "%s %s: it does not look at the event before every step" % (
                    who, "began %d more steps after main set the event%s, before it printed `%s`"
                    % (len(after), line_no(event), stop.text.strip()) if len(after) > 1 else
                    "looked at the event %s for %d steps, so it can begin several steps after "
                    "main sets it (in this run it began %d)" % (times(looked), len(steps),
                                                                len(after))),
                "Check the event before each step: `while not stop.is_set():` around one step.",
                lines=(after or steps[-1:]) + [stop])
        if t.ended is None:
            raise Mistake("each worker returns after it has stopped",
                          "%s never returned" % who, lines=[stop])


@check(1, "main joins every worker, then prints 全部停止",
       "main join 所有工人之后，打印 全部停止")
def main_last_line(run):
    done = run.printed(DONE)
    if not done:
        raise Mistake("main prints `%s` last" % DONE, "nobody printed `%s`" % DONE,
                      "print('%s') in main after joining the workers." % DONE)
    last = done[-1]
    if last.pid != run.main_pid or last.thread != "MainThread":
        raise Mistake("main prints `%s`" % DONE,
                      "it was printed by %s" % run.who(last.pid, last.thread),
                      "Print it in main, after joining every worker.", lines=[last])
    event = main_set(run)
    threads = workers(run)
    for t in threads:
        joins = joins_of(run, t, last.t)
        if not joins:
            # Decided by what main did, not by timing: it joined every worker first.
            later = [e for e in run.events_of("thread_join", pid=run.main_pid)
                     if e.name == t.name and e.at and e.t > last.t]
            naps = [e for e in run.events_of("sleep", pid=run.main_pid)
                    if e.thread == "MainThread" and e.t < last.t and e.at
                    and (event is None or e.t > event.t)]
            raise Mistake(
                "main joins every worker, then prints `%s`" % DONE,
                "main printed `%s` without joining %s first%s%s%s" % (
                    DONE, label(run, t),
                    " (it joined it only afterwards, at line %d)" % later[0].at.line
                    if later else "",
                    "; instead main slept %g s%s (%s), which only guesses how long the worker "
                    "needs" % (sum(e.secs or 0 for e in naps),
                               " after setting the event" if event else "",
                               ", ".join(sorted({"`%s` at line %d" % (e.at.code, e.at.line)
                                                 for e in naps})))
                    if naps else "",
                    "; in this run it was still running then%s" % (
                        " (it never ended: it was killed with the program)"
                        if t.ended is None else "")
                    if still_running(last.t, [t]) else ""),
                JOIN_HINT, lines=[last])
        timed = [e for e in joins if isinstance(e.timeout, (int, float))]
        if joins and len(timed) == len(joins) and event is not None:
            # join's timeout is not run faster by the grader: judge it at normal
            # speed, against the one step a worker may take to notice the event.
            join = timed[-1]
            gives_up = join_gives_up(run, event, join)
            may_need = event.t + 2 * STEP
            if gives_up < may_need or join.alive:
                raise Mistake(
                    "main prints `%s` after every worker has ended" % DONE,
                    "main called join(timeout=%s)%s on %s: %s, so main could print `%s` too "
                    "early" % (join.timeout, line_no(join), label(run, t), (
                        "at normal speed that join gives up at %.2f s, while a worker may take "
                        "until %.2f s (two 0.2 s steps after the event was set) to stop"
                        % (gives_up, may_need)) if gives_up < may_need else
                        "the join gave up while the worker was still running", DONE),
                    "Call t.join() without a timeout: it waits as long as the worker runs.",
                    lines=[last])
    running = still_running(last.t, threads)
    if running:
        t = running[0]
        raise Mistake(
            "main prints `%s` after every worker has ended" % DONE,
            "main printed it while %s was still running%s" % (
                label(run, t), " (it never ended: it was killed with the program)"
                if t.ended is None else ""),
            JOIN_HINT,
            lines=[last] + [l for l in run.lines if l.t > last.t][:3])
