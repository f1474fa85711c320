"""The text report a student reads and the summary table, in the language
i18n.py picks.  Machine-readable formats are in formats.py."""
import re
import textwrap
import unicodedata

from grader.i18n import check_title, t

PASS, FAIL = "PASS", "FAIL"


ZWSP = "\u200b"  # zero width space: not whitespace to Python, .NET or a CI's log parser
_BLANK = re.compile(r"[\s\u0000-\u001f\u007f-\u009f\u00ad\u180e\u200b-\u200f\u2028-\u202f"
                    r"\u205f-\u2064\u3000\ufeff]*")


def inert(text):
    """TEXT as it may go into a CI log: no line of it can act as a log command.
    GitHub's runner takes a line for a workflow command when it starts with
    `::` after leading whitespace is trimmed, and its legacy form (as Azure's
    `##vso[`) when `##[` is anywhere in it; the student's program prints what
    it likes, and the report quotes it.  A zero width space goes before such a
    `::` and after such a `##`: the text reads the same and commands nothing."""
    lines = []
    for line in text.split("\n"):
        lead = _BLANK.match(line).end()
        if line.startswith("::", lead):
            line = line[:lead] + ZWSP + line[lead:]
        lines.append(re.sub(r"##(?=\[|vso\[)", "##" + ZWSP, line))
    return "\n".join(lines)


def _indent(text, prefix):
    return textwrap.indent(text, prefix, lambda line: True)


def _same(mistake):
    """A mistake's text with numbers (pids, times) left out, for comparing."""
    return re.sub(r"\d+", "#", (mistake.get("expected") or "") + "|" + mistake["got"])


def width(text):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text, size):
    return text + " " * max(0, size - width(text))


def table(rows, total=None):
    """ROWS (the first one the header) and an optional TOTAL row as aligned
    columns, with rules under the header and above the total."""
    rows = [tuple(r) for r in rows] + ([tuple(total)] if total else [])
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(pad(cell, w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    rule = "  ".join("-" * w for w in widths)
    lines.insert(1, rule)
    if total:
        lines.insert(len(lines) - 1, rule)
    return "\n".join(lines)


def _merge(failures):
    """Failures of one check under several start methods, each message once."""
    groups = []
    for method, mistake in failures:
        for group in groups:
            if _same(group[1]) == _same(mistake):
                group[0].append(method)
                break
        else:
            groups.append(([method], mistake))
    return groups


def _method_note(methods, all_methods):
    if set(methods) >= set(all_methods) or methods == ["default"]:
        return ""
    known = ("default", "spawn", "forkserver", "fork")
    return t("under", methods=t("and").join(t("method_" + m) if m in known else m
                                             for m in methods))


def failure_text(check, all_methods, shown=None, timeline=True):
    """What went wrong in CHECK; a cause already in SHOWN is only referred to;
    the run's timeline only when TIMELINE."""
    parts = []
    for methods, m in _merge(check.failures):
        if shown is not None:
            if _same(m) in shown:
                parts.append(t("same_cause") + m["got"].splitlines()[0])
                continue
            shown.add(_same(m))
        block = []
        if m.get("expected"):
            block.append(t("expected") + m["expected"])
        block.append(t("your_run") + _method_note(methods, all_methods) + m["got"])
        if m.get("hint"):
            block.append(t("hint") + m["hint"])
        if timeline and m.get("timeline"):
            block.append(t("timeline") + "\n" + _indent(m["timeline"], "  "))
        parts.append("\n".join(block))
    return "\n\n".join(parts)


def text_report(result):
    ex = result.exercise
    out = ["", "== %s: %s / %s" % (ex.name, ex.title, ex.title_zh),
           "   %s: %s" % (t("file"), result.file)]
    if result.ran_as:
        out.append("   %s: %s" % (t("ran_as"), result.ran_as))
    if result.error:
        out.append("   " + result.error)
    titles = {c.name: check_title(ex, c.name, c.title) for c in result.checks}
    size = max([width(title) for title in titles.values()] + [20])
    shown = set()
    for check in result.checks:
        out.append(" %s  %s %d/%d" % (PASS if check.passed else FAIL, pad(titles[check.name], size),
                                      check.earned, check.points))
        if not check.passed:
            out.append(_indent(failure_text(check, ex.start_methods, shown), "       "))
    out.append(" %s: %d/%d" % (t("score"), result.score, ex.points))
    if result.passed:
        out.append(" " + t("all_passed"))
    else:
        first = next((c for c in result.checks if not c.passed), None)
        if first is not None:
            out.append(" " + t("next_fix", title=titles[first.name], name=ex.name))
        if ex.hints:
            out.append(" " + t("stuck", name=ex.name))
    return "\n".join(out)


def summary_table(results):
    rows = [(t("col_exercise"), t("col_checks"), t("col_points"))]
    for r in results:
        rows.append((r.exercise.name, "%d/%d" % (sum(c.passed for c in r.checks), len(r.checks)),
                     "%d/%d" % (r.score, r.exercise.points)))
    total = (t("total"), "%d/%d" % (sum(sum(c.passed for c in r.checks) for r in results),
                                    sum(len(r.checks) for r in results)),
             "%d/%d" % (sum(r.score for r in results), sum(r.exercise.points for r in results)))
    return "\n" + table(rows, total)
