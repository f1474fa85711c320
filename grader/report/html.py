"""A grading as one self-contained HTML page (`check --format html`): the checks
as the text report gives them, and each run of the program as a picture drawn
by the grader in inline SVG -- no script, and no font, style or image fetched
from anywhere, so the page reads the same offline, attached to a Release or
uploaded to a learning platform.

The picture has a lane per process (labelled as the timeline labels it: main,
cook, wash, process ...), under it a lane per thread, and under a thread a
lane per asyncio coroutine that printed.  On them: each lifetime as a bar; an
arrow from the starter to each child at its start; a cross where a process
ended with an error or a signal, or a thread with an exception; each printed line as a tick (its text on
hover, and in the list under the picture); sleeps shaded; holds of a lock as
bars; waits for a lock hatched, with an arrow to the thread that held the lock
(a deadlock: waits pointing at each other); pool tasks as bars in their
workers; a dot where a thread joined another; the event set as a dashed line
across the run; each item of a queue as an arrow from its put to its get; and
a lane per semaphore with how many held it, as a step line under its limit.
The lines and records a failed check names are drawn in red.  Times are the
program's own seconds.  Everything the program printed is escaped."""
from html import escape

from grader.i18n import check_title, chinese, t, title
from grader.kata.checks import EXCEPTION_LINE, student_lines
from grader.report.text import failure_text

LANE = 20  # pixels per lane
LEFT = 230  # the labels' column
WIDTH = 760  # the time axis
MOST_TICKS = 500  # printed lines drawn per run (a flood stays a small page)
MOST_LISTED = 300  # printed lines listed under a picture
LONGEST = 120  # characters of a printed line shown


def _cut(text):
    return text if len(text) <= LONGEST else text[:LONGEST - 1] + "…"

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em} h2{font-size:1.2em;margin-top:2em} table{border-collapse:collapse}
td,th{padding:.2em .6em;border-bottom:1px solid #ddd;text-align:left}
.pass{color:#176b2c} .fail{color:#b00020} pre{white-space:pre-wrap;background:#f6f6f6;padding:.6em}
figure{margin:1em 0} figcaption{font-weight:600;margin:.3em 0}
svg text{font-size:11px;font-family:ui-monospace,monospace}
.proc{fill:#cfe3f7} .thread{fill:#e3efd9} .sleep{fill:#000;opacity:.12} .task{fill:#f6d8a8}
.tick{stroke:#333;stroke-width:1.2} .mark{stroke:#d00;stroke-width:3}
.start{stroke:#1f5fa8;stroke-width:1.2;fill:none} .set{stroke:#8a2be2;stroke-dasharray:4 3}
.join{fill:#1f5fa8} .cross{fill:#b00020;font-weight:700} .axis{stroke:#999}
.holder{stroke:#c0392b;stroke-width:1.2;fill:none} .hand{stroke:#2e8b57;stroke-width:1.2;fill:none}
.sem{stroke:#6a3d9a;stroke-width:1.5;fill:none} .limit{stroke:#6a3d9a;stroke-dasharray:2 2}
.task-lane{fill:#f1ecf7} .markev{stroke:#d00;stroke-width:2.5;fill:none} .hold{fill:#e67e22}
.legend span{display:inline-block;margin-right:1.2em}
"""


def html_page(results):
    """The page of a grading: RESULTS, a list of ExerciseResults."""
    score = sum(r.score for r in results)
    total = sum(r.exercise.points for r in results)
    body = ["<h1>%s: %d/%d</h1>" % (escape(t("score")), score, total)]
    for r in results:
        body.append(_exercise(r))
    return ("<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width\"><title>%s</title>"
            "<style>%s</style></head><body>%s</body></html>\n"
            % ("zh" if chinese() else "en", escape("%s %d/%d" % (
                t("score"), score, total)), STYLE, "\n".join(body)))


def _exercise(r):
    out = ["<section><h2>%s — %s</h2>" % (escape(r.exercise.name), escape(title(r.exercise)))]
    if r.error:
        out.append("<pre class=\"fail\">%s</pre>" % escape(r.error))
    out.append("<table><tr><th></th><th>%s</th><th>%s</th></tr>" % (
        escape(t("c50_check")), escape(t("col_points"))))
    for c in r.checks:
        out.append("<tr><td class=\"%s\">%s</td><td>%s</td><td>%d/%d</td></tr>" % (
            "pass" if c.passed else "fail", "PASS" if c.passed else "FAIL",
            escape(check_title(r.exercise, c.name, c.title)), c.earned, c.points))
    out.append("</table>")
    marked, shown = {}, set()  # a cause told once, as in the text report
    for c in r.checks:
        if not c.passed:
            out.append("<h3 class=\"fail\">%s</h3><pre>%s</pre>" % (
                escape(check_title(r.exercise, c.name, c.title)),
                escape(failure_text(c, r.exercise.start_methods, shown, timeline=False))))
            for method, mistake in c.failures:
                for m in list(mistake.get("marked", ())) + list(mistake.get("marked_events", ())):
                    marked.setdefault(method, set()).add(tuple(m))
    for method, run in sorted(r.runs.items()):
        out.append(picture(run, method, marked.get(method, set())))
    out.append("</section>")
    return "\n".join(out)


STEPS = (0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 1e9)  # the axis's marks


def _step(end):
    return next(s for s in STEPS if end / s <= 10)


def picture(run, method, marked=frozenset()):
    """A run as an SVG swim-lane picture, with its printed lines listed under it;
    MARKED: (time, pid, text) of lines and (time, pid, kind) of records a
    failed check names."""
    end = max([0.05] + [x.t for x in run.lines] + [e.t for e in run.events]
              + [p.ended for p in run.procs.values() if p.ended is not None])
    end *= 1.2 if run.deadlock is not None else 1.03  # room for what a deadlock left waiting
    lanes, rows = {}, []  # key -> lane number; [(label, indent)]

    def lane(pid, tid=None, name=None, task=None):
        thread = None if name in (None, "MainThread") else _thread(run, pid, tid, name)
        key = (pid, id(thread) if thread else name if name not in (None, "MainThread") else "")
        if task is not None:
            lane(pid, tid, name)  # the thread's lane first
            key += ("task", task)
        if key not in lanes:
            if (pid, "") not in lanes and key != (pid, ""):
                lane(pid)
            lanes[key] = len(rows)
            proc = run.procs.get(pid)
            rows.append(("%s pid %d" % (proc.label if proc else "process", pid), 0)
                        if key == (pid, "") else ("coroutine %s" % task, 2) if task is not None
                        else (thread.name if thread else name, 1))
        return lanes[key]

    for proc in sorted(run.procs.values(), key=lambda p: (p.role != "main", p.began or 0)):
        lane(proc.pid)
        for thread in sorted((x for x in run.threads if x.pid == proc.pid),
                             key=lambda x: x.began or 0):
            lane(thread.pid, thread.tid, thread.name)
            for line in run.lines:  # its coroutines' lanes just under it
                if line.task and line.pid == thread.pid and line.tid == thread.tid:
                    lane(line.pid, line.tid, line.thread, line.task)

    def x(t):
        return LEFT + max(0.0, t) / end * WIDTH

    def mid(n):
        return n * LANE + LANE / 2

    shapes = []
    for proc in run.procs.values():
        began = proc.began or 0.0
        ended = proc.ended if proc.ended is not None else end
        y = lane(proc.pid) * LANE
        shapes.append(_rect(x(began), y + 3, x(ended) - x(began), LANE - 6, "proc",
                            "%s: %.2f–%.2f s" % (proc.describe(), began, ended)))
        if proc.exitcode not in (0, None):
            shapes.append("<text class=\"cross\" x=\"%.1f\" y=\"%d\">✗<title>%s</title></text>" % (
                x(ended) - 4, y + LANE - 5, escape("%s: exit code %s" % (proc.label,
                                                                         proc.exitcode))))
        start = next((e for e in run.events_of("proc_started") if e.child == proc.pid), None)
        if start is not None and proc.began is not None:
            shapes.append(_arrow("start", x(start.t), mid(lane(start.pid, start.tid, start.thread)),
                                 x(proc.began), y + LANE / 2, "started %s" % proc.label))
    for thread in run.threads:
        y = lane(thread.pid, thread.tid, thread.name) * LANE
        began = thread.began or 0.0
        ended = thread.ended if thread.ended is not None else end
        shapes.append(_rect(x(began), y + 5, x(ended) - x(began), LANE - 10, "thread",
                            "thread %s: %.2f–%.2f s" % (thread.name, began, ended)))
        raised = [l.text for l in run.lines if l.stream == "stderr" and l.pid == thread.pid
                  and l.tid == thread.tid and EXCEPTION_LINE.match(l.text)]
        if raised and thread.ended is not None:  # its function raised: Python's report of it
            shapes.append("<text class=\"cross\" x=\"%.1f\" y=\"%d\">✗<title>%s</title></text>"
                          % (x(ended) - 4, y + LANE - 5, escape("thread %s ended with %s" % (
                              thread.name, _cut(raised[-1])))))
    tasks = {}
    for line in run.lines:
        if line.task:
            span = tasks.setdefault(lane(line.pid, line.tid, line.thread, line.task),
                                    [line.t, line.t, line.task])
            span[1] = line.t
    for n, (first, last, task) in tasks.items():
        shapes.append(_rect(x(first), n * LANE + 5, x(last) - x(first), LANE - 10, "task-lane",
                            "coroutine %s: printed from %.2f s to %.2f s" % (task, first, last)))
    shapes += _events(run, lane, x, end, marked)
    for pid, tid, name, lock, hold in run.lock_holds():
        y = lane(pid, tid, name) * LANE
        last = end if hold.last is None else hold.last
        shapes.append(_rect(x(hold.first), y + 7, x(last) - x(hold.first), LANE - 14,
                            "hold", "%s holds lock #%d%s: %.4f–%s" % (
                                name, lock + 1, "" if hold.count == 1 else " %d times, with "
                                "no other thread taking it in between" % hold.count,
                                hold.first, "%.4f s" % last if hold.last is not None
                                else "the end of the run")))
    drawn, shown = 0, student_lines(run)
    for line in shown:
        if drawn >= MOST_TICKS:
            break
        drawn += 1
        y = lane(line.pid, line.tid, line.thread, line.task) * LANE
        mark = (round(line.t, 6), line.pid, line.text) in marked
        shapes.append("<line class=\"%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"><title>%s"
                      "</title></line>" % ("mark" if mark else "tick", x(line.t), x(line.t),
                                           y + 2, y + LANE - 2,
                                           escape("%.2f s %s" % (line.t, _cut(line.text)))))
    shapes += _semaphores(run, rows, x, end)
    height = len(rows) * LANE + 24
    labels = ["<text x=\"%d\" y=\"%d\">%s</text>" % (4 + 12 * indent, n * LANE + 14,
                                                     escape(label[:32]))
              for n, (label, indent) in enumerate(rows)]
    step = _step(end)
    axis = ["<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>" % (
        LEFT, LEFT + WIDTH, height - 20, height - 20)]
    k = 0
    while k * step <= end + 1e-9:
        axis.append("<text x=\"%.1f\" y=\"%d\">%g s</text>" % (x(k * step) - 8, height - 6,
                                                              round(k * step, 3)))
        k += 1
    heads = "".join(
        "<marker id=\"%s\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" "
        "orient=\"auto\"><path d=\"M0 0 L8 4 L0 8 z\" fill=\"%s\"/></marker>" % (name, colour)
        for name, colour in (("arrow", "#1f5fa8"), ("arrow-holder", "#c0392b"),
                             ("arrow-hand", "#2e8b57")))
    svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" "
           "viewBox=\"0 0 %d %d\"><title>%s</title><defs>%s<pattern id=\"hatch\" width=\"6\" "
           "height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect "
           "width=\"6\" height=\"6\" fill=\"#fde2e2\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
           "stroke=\"#c0392b\" stroke-width=\"2\"/></pattern></defs>%s%s%s</svg>" % (
               LEFT + WIDTH + 20, height, LEFT + WIDTH + 20, height,
               escape("%s, %s" % (run.file.name, method)), heads, "".join(labels),
               "".join(axis), "".join(shapes)))
    listed = ["<li>%.2f s · %s · %s</li>" % (line.t, escape(run.who(line.pid, line.thread)),
                                             escape(_cut(line.text)))
              for line in shown[:MOST_LISTED]]
    if len(shown) > MOST_LISTED:
        listed.append("<li>… %d more</li>" % (len(shown) - MOST_LISTED))
    if drawn < len(shown):
        method = "%s (%s)" % (method, t("pic_drawn", drawn=drawn, total=len(shown)))
    if run.scale != 1:
        method = "%s · %s" % (method, t("pic_scaled", factor="%g" % round(1 / run.scale, 2)))
    legend = "".join("<span>%s %s</span>" % (sign, escape(t(key))) for sign, key in (
        ("■", "pic_process"), ("■", "pic_thread"), ("│", "pic_tick"), ("▬", "pic_hold"),
        ("▨", "pic_wait"),
        ("↘", "pic_holder"), ("░", "pic_sleep"), ("→", "pic_start"), ("●", "pic_join"),
        ("■", "pic_pool"), ("↗", "pic_hand"), ("▁▃", "pic_sem"), ("┆", "pic_set"),
        ("✗", "pic_cross"), ("○", "pic_marked")))
    return ("<figure><figcaption>%s</figcaption>%s<p class=\"legend\">%s</p><details><summary>"
            "%s</summary><ol>%s</ol></details></figure>"
            % (escape(method), svg, legend, escape(t("pic_lines")), "".join(listed)))


def _thread(run, pid, tid, name):
    """The ThreadRun of process PID named NAME (the one with ident TID among
    threads of one name; idents are reused once a thread has ended)."""
    named = [x for x in run.threads if x.pid == pid and x.name == name]
    return next((x for x in named if x.tid == tid), named[0] if named else None)


def _rect(x0, y, w, h, cls, title):
    return "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\"><title>%s" \
           "</title></rect>" % (cls, x0, y, max(w, 1.0), h, escape(title))


def _arrow(cls, x0, y0, x1, y1, title):
    head = "arrow" if cls == "start" else "arrow-" + cls
    return "<path class=\"%s\" marker-end=\"url(#%s)\" d=\"M%.1f %.1f L%.1f %.1f\"><title>%s" \
           "</title></path>" % (cls, head, x0, y0, x1, y1, escape(title))


def _events(run, lane, x, end, marked):
    shapes, waits, tasks = [], {}, {}
    drawn_waits = 0
    stuck = {step.thread: step.holder for step in run.deadlock or ()}
    sleeps = [e for e in run.events if e.ev == "sleep" and e.secs][MOST_TICKS - 1:MOST_TICKS]
    last_sleep = sleeps[0].t if sleeps else float("inf")  # a hang's loop draws at most as many

    def mid(e):
        return lane(e.pid, e.tid, e.thread) * LANE + LANE / 2

    def wait(w, until):
        """A wait for a lock, hatched, the first MOST_TICKS of them and every
        wait that never got its lock; and an arrow to the thread that held the
        lock from those that took a hundredth of the run or more."""
        nonlocal drawn_waits
        if until < end and drawn_waits >= MOST_TICKS:
            return
        drawn_waits += 1
        # a wait the deadlock ended: its holder as the deadlock saw it (the lock may
        # have been free for an instant when the wait began, and taken since)
        holder = stuck.get(w.thread, w.holder) if until >= end else w.holder
        shapes.append(_wait(w, until, lane, x, holder))
        if holder and (until >= end or until - w.t >= end / 100):
            shapes.append(_arrow("holder", x(w.t), mid(w),
                                 x(w.t) + 6, lane(w.pid, None, holder) * LANE + LANE / 2,
                                 "%s waits for lock #%d, which %s holds" % (
                                     w.thread, w.lock + 1, holder)))

    for e in run.events:
        if (round(e.t, 6), e.pid, e.ev) in marked:
            shapes.append("<circle class=\"markev\" cx=\"%.1f\" cy=\"%.1f\" r=\"7\"><title>%s"
                          "</title></circle>" % (x(e.t), mid(e), escape(
                              "%.2f s: %s" % (e.t, _said(e)))))
        if e.ev == "sleep" and e.secs and e.t <= last_sleep:
            y = lane(e.pid, e.tid, e.thread, _coroutine(run, e)) * LANE
            shapes.append(_rect(x(e.t), y + 5, x(e.t + e.secs) - x(e.t), LANE - 10, "sleep",
                                "sleep(%g)" % e.secs))
        elif e.ev == "lock_wait":
            waits[e.pid, e.tid, e.lock] = e
        elif e.ev == "lock_got" and (e.pid, e.tid, e.lock) in waits:
            wait(waits.pop((e.pid, e.tid, e.lock)), e.t)
        elif e.ev in ("proc_join", "thread_join"):
            shapes.append("<circle class=\"join\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%s"
                          "</title></circle>" % (x(e.t), mid(e), escape(
                              "joined %s" % (e.name if e.ev == "thread_join" else
                                             run.who(e.child) if e.child in run.procs else
                                             e.child))))
        elif e.ev == "event_set":
            shapes.append("<line class=\"set\" x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"100%%\">"
                          "<title>%s</title></line>" % (x(e.t), x(e.t), escape(
                              "event set at %.2f s" % e.t)))
        elif e.ev == "pool_task_begin":
            tasks[e.pool, e.task] = e
        elif e.ev == "pool_task_end" and (e.pool, e.task) in tasks:
            begin = tasks.pop((e.pool, e.task))
            y = lane(e.pid, e.tid, e.thread) * LANE
            shapes.append(_rect(x(begin.t), y + 4, x(e.t) - x(begin.t), LANE - 8, "task",
                                "task %s" % e.fn))
    for w in waits.values():
        wait(w, end)
    for put, got in _hand_overs(run):
        shapes.append(_arrow("hand", x(put.t), mid(put), x(got.t), mid(got),
                             "item %s: put by %s at %.2f s, got by %s at %.2f s" % (
                                 put.item, run.who(put.pid, put.thread), put.t,
                                 run.who(got.pid, got.thread), got.t)))
    return shapes


def _coroutine(run, sleep):
    """The coroutine whose lane an asyncio.sleep is drawn in: the function that
    called it, when a task of that coroutine printed in the same thread (else
    None: the thread's lane)."""
    func = sleep.at.func if sleep.asyncio and sleep.at else None
    return func if func and any(l.task == func and l.pid == sleep.pid and l.tid == sleep.tid
                                for l in run.lines) else None


def _said(e):
    """A record in a few words, for the title of its mark."""
    at = getattr(e, "at", None)
    return "%s by %s%s" % (e.ev.replace("_", " "), e.thread, " at %s" % at if at else "")


def _hand_overs(run):
    """(put, get) of each item that went through a queue: a get is matched with
    the earliest put of the same queue and item before it that no get took yet
    (a queue is first in, first out; items of several producers may interleave)."""
    puts, pairs = {}, []
    for e in run.events:
        if e.ev == "queue_put":
            puts.setdefault(e.queue, []).append(e)
        elif e.ev == "queue_get":
            waiting = puts.get(e.queue, [])
            put = next((p for p in waiting if p.item == e.item), None)
            if put is not None:
                waiting.remove(put)
                pairs.append((put, e))
    return pairs[:MOST_TICKS]


def _semaphores(run, rows, x, end):
    """A lane per semaphore of the file: how many held it over time, as a step
    line, and its limit as a dotted line."""
    shapes = []
    for made in run.semaphores:
        n = len(rows)
        rows.append(("Semaphore(%s)" % made.value, 0))
        steps, held, most = [(made.t, 0)], 0, made.value or 1
        for e in made.uses:
            held += 1 if e.ev == "sem_acquire" else -1
            steps.append((e.t, held))
            most = max(most, held)
        top, bottom = n * LANE + 3, n * LANE + LANE - 3

        def y(k):
            return bottom - max(k, 0) / most * (bottom - top)
        d = "M%.1f %.1f" % (x(steps[0][0]), y(0))
        for (t0, k0), (t1, _) in zip(steps, steps[1:] + [(end, None)]):
            d += " L%.1f %.1f L%.1f %.1f" % (x(t0), y(k0), x(t1), y(k0))
        shapes.append("<line class=\"limit\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>" % (
            x(0), x(end), y(made.value or 0), y(made.value or 0)))
        shapes.append("<path class=\"sem\" d=\"%s\"><title>%s</title></path>" % (d, escape(
            "Semaphore(%s): at most %d held it at once" % (made.value, max(k for _, k in steps)))))
    return shapes


def _wait(wait, until, lane, x, holder):
    y = lane(wait.pid, wait.tid, wait.thread) * LANE
    return "<rect fill=\"url(#hatch)\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s" \
           "</title></rect>" % (x(wait.t), y + 4, max(x(until) - x(wait.t), 1.0), LANE - 8,
                                escape("waits for lock #%d%s" % (
                                    wait.lock + 1, ", held by %s" % holder if holder else "")))
