"""A grading as one self-contained HTML page (`check --format html`): the checks
as the text report gives them, and each run of the program as a picture drawn
by the grader in inline SVG -- no script, and no font, style or image fetched
from anywhere, so the page reads the same offline, attached to a Release or
uploaded to a learning platform.

The picture has a lane per process (labelled as the timeline labels it: main,
cook, wash, process ...) and, under it, a lane per thread.  On them: each
lifetime as a bar; an arrow from the starter to each child at its start; a
cross where a process ended with an error or a signal; each printed line as a
tick (its text on hover, and in the list under the picture); sleeps shaded;
waits for a lock hatched; pool tasks as bars in their workers; a dot where a
thread joined another; the event set as a dashed line across the run.  The
lines a failed check names are drawn in red.  Times are the program's own
seconds.  Everything the program printed is escaped."""
from html import escape

from grader.i18n import check_title, chinese, t, title
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
    marked = {}
    for c in r.checks:
        if not c.passed:
            out.append("<h3 class=\"fail\">%s</h3><pre>%s</pre>" % (
                escape(check_title(r.exercise, c.name, c.title)),
                escape(failure_text(c, r.exercise.start_methods, timeline=False))))
            for method, mistake in c.failures:
                for m in mistake.get("marked", ()):
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
    MARKED: (time, pid, text) of lines a failed check names."""
    end = max([0.05] + [x.t for x in run.lines] + [e.t for e in run.events]
              + [p.ended for p in run.procs.values() if p.ended is not None])
    lanes, rows = {}, []  # key -> lane number; [(label, indent)]

    def lane(pid, tid=None, name=None):
        thread = None if name in (None, "MainThread") else _thread(run, pid, tid, name)
        key = (pid, id(thread) if thread else name if name not in (None, "MainThread") else "")
        if key not in lanes:
            if (pid, "") not in lanes and key != (pid, ""):
                lane(pid)
            lanes[key] = len(rows)
            proc = run.procs.get(pid)
            rows.append(("%s pid %d" % (proc.label if proc else "process", pid), 0)
                        if key == (pid, "") else (thread.name if thread else name, 1))
        return lanes[key]

    for proc in sorted(run.procs.values(), key=lambda p: (p.role != "main", p.began or 0)):
        lane(proc.pid)
        for thread in sorted((x for x in run.threads if x.pid == proc.pid),
                             key=lambda x: x.began or 0):
            lane(thread.pid, thread.tid, thread.name)

    def x(t):
        return LEFT + max(0.0, t) / end * WIDTH

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
            y0 = lane(start.pid, start.tid, start.thread) * LANE + LANE / 2
            shapes.append("<path class=\"start\" marker-end=\"url(#arrow)\" d=\"M%.1f %.1f L%.1f "
                          "%.1f\"><title>%s</title></path>" % (
                              x(start.t), y0, x(proc.began), y + LANE / 2,
                              escape("started %s" % proc.label)))
    for thread in run.threads:
        y = lane(thread.pid, thread.tid, thread.name) * LANE
        began = thread.began or 0.0
        ended = thread.ended if thread.ended is not None else end
        shapes.append(_rect(x(began), y + 5, x(ended) - x(began), LANE - 10, "thread",
                            "thread %s: %.2f–%.2f s" % (thread.name, began, ended)))
    shapes += _events(run, lane, x, end)
    drawn = 0
    for line in run.lines:
        if drawn >= MOST_TICKS:
            break
        drawn += 1
        y = lane(line.pid, line.tid, line.thread) * LANE
        mark = (round(line.t, 6), line.pid, line.text) in marked
        shapes.append("<line class=\"%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"><title>%s"
                      "</title></line>" % ("mark" if mark else "tick", x(line.t), x(line.t),
                                           y + 2, y + LANE - 2,
                                           escape("%.2f s %s" % (line.t, _cut(line.text)))))
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
    svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" "
           "viewBox=\"0 0 %d %d\"><title>%s</title><defs><marker id=\"arrow\" markerWidth=\"8\" "
           "markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\"><path d=\"M0 0 L8 4 L0 8 z\" "
           "fill=\"#1f5fa8\"/></marker><pattern id=\"hatch\" width=\"6\" height=\"6\" "
           "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" "
           "height=\"6\" fill=\"#fde2e2\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
           "stroke=\"#c0392b\" stroke-width=\"2\"/></pattern></defs>%s%s%s</svg>" % (
               LEFT + WIDTH + 20, height, LEFT + WIDTH + 20, height,
               escape("%s, %s" % (run.file.name, method)), "".join(labels), "".join(axis),
               "".join(shapes)))
    listed = ["<li>%.2f s · %s · %s</li>" % (line.t, escape(run.who(line.pid, line.thread)),
                                             escape(_cut(line.text)))
              for line in run.lines[:MOST_LISTED]]
    if len(run.lines) > MOST_LISTED:
        listed.append("<li>… %d more</li>" % (len(run.lines) - MOST_LISTED))
    if drawn < len(run.lines):
        method = "%s (%s)" % (method, t("pic_drawn", drawn=drawn, total=len(run.lines)))
    legend = "".join("<span>%s %s</span>" % (sign, escape(t(key))) for sign, key in (
        ("■", "pic_process"), ("■", "pic_thread"), ("│", "pic_tick"), ("▨", "pic_wait"),
        ("░", "pic_sleep"), ("→", "pic_start"), ("┆", "pic_set"), ("✗", "pic_cross")))
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


def _events(run, lane, x, end):
    shapes, waits, tasks = [], {}, {}
    sleeps = [e for e in run.events if e.ev == "sleep" and e.secs][MOST_TICKS - 1:MOST_TICKS]
    last_sleep = sleeps[0].t if sleeps else float("inf")  # a hang's loop draws at most as many
    for e in run.events:
        if e.ev == "sleep" and e.secs and e.t <= last_sleep:
            y = lane(e.pid, e.tid, e.thread) * LANE
            shapes.append(_rect(x(e.t), y + 5, x(e.t + e.secs) - x(e.t), LANE - 10, "sleep",
                                "sleep(%g)" % e.secs))
        elif e.ev == "lock_wait":
            waits[e.pid, e.tid, e.lock] = e
        elif e.ev == "lock_got" and (e.pid, e.tid, e.lock) in waits:
            shapes.append(_wait(waits.pop((e.pid, e.tid, e.lock)), e.t, lane, x))
        elif e.ev in ("proc_join", "thread_join"):
            y = lane(e.pid, e.tid, e.thread) * LANE
            shapes.append("<circle class=\"join\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%s"
                          "</title></circle>" % (x(e.t), y + LANE / 2, escape(
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
    shapes += [_wait(w, end, lane, x) for w in waits.values()]
    return shapes


def _wait(wait, until, lane, x):
    y = lane(wait.pid, wait.tid, wait.thread) * LANE
    return "<rect fill=\"url(#hatch)\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s" \
           "</title></rect>" % (x(wait.t), y + 4, max(x(until) - x(wait.t), 1.0), LANE - 8,
                                escape("waits for lock #%d, held by %s" % (
                                    wait.lock + 1, wait.holder or "?")))
