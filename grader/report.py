"""The text report a student reads and the summary table.  Machine-readable
formats are in formats.py."""
import re
import textwrap
import unicodedata

PASS, FAIL = "PASS", "FAIL"


def _indent(text, prefix):
    return textwrap.indent(text, prefix, lambda line: True)


def _same(mistake):
    """A mistake's text with numbers (pids, times) left out, for comparing."""
    return re.sub(r"\d+", "#", (mistake.get("expected") or "") + "|" + mistake["got"])


def width(text):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text, size):
    return text + " " * max(0, size - width(text))


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
    names = {"default": "your Python's default start method",
             "spawn": "the 'spawn' start method (the default on macOS and Windows)",
             "forkserver": "the 'forkserver' start method (the Linux default from Python 3.14)",
             "fork": "the 'fork' start method"}
    return "Under %s: " % " and ".join(names.get(m, m) for m in methods)


def failure_text(check, all_methods, shown=None):
    """What went wrong in CHECK; a cause already in SHOWN is only referred to."""
    parts = []
    for methods, m in _merge(check.failures):
        if shown is not None:
            if _same(m) in shown:
                parts.append("Same cause as above: " + m["got"].splitlines()[0])
                continue
            shown.add(_same(m))
        block = []
        if m.get("expected"):
            block.append("Expected: " + m["expected"])
        block.append("Your run: " + _method_note(methods, all_methods) + m["got"])
        if m.get("hint"):
            block.append("Hint: " + m["hint"])
        if m.get("timeline"):
            block.append("Your run as a timeline:\n" + _indent(m["timeline"], "  "))
        parts.append("\n".join(block))
    return "\n\n".join(parts)


def text_report(result):
    ex = result.exercise
    out = ["", "== %s: %s / %s" % (ex.name, ex.title, ex.title_zh), "   file: %s" % result.file]
    if result.error:
        out.append("   " + result.error)
    size = max([width(c.title) for c in result.checks] + [20])
    shown = set()
    for check in result.checks:
        out.append(" %s  %s %d/%d" % (PASS if check.passed else FAIL, pad(check.title, size),
                                      check.earned, check.points))
        if not check.passed:
            out.append(_indent(failure_text(check, ex.start_methods, shown), "       "))
    out.append(" Score: %d/%d" % (result.score, ex.points))
    if result.passed:
        out.append(" All checks passed. 全部通过!")
    else:
        first = next((c for c in result.checks if not c.passed), None)
        if first is not None:
            out.append(" Next: fix \"%s\", then run `make check EX=%s` again."
                       % (first.title, ex.name))
        if ex.hints:
            out.append(" Stuck? Hints are in exercises/%s/info.toml." % ex.name)
    return "\n".join(out)


def summary_table(results):
    rows = [("exercise", "checks passed", "points")]
    for r in results:
        rows.append((r.exercise.name, "%d/%d" % (sum(c.passed for c in r.checks), len(r.checks)),
                     "%d/%d" % (r.score, r.exercise.points)))
    rows.append(("total", "%d/%d" % (sum(sum(c.passed for c in r.checks) for r in results),
                                     sum(len(r.checks) for r in results)),
                 "%d/%d" % (sum(r.score for r in results),
                            sum(r.exercise.points for r in results))))
    widths = [max(width(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(pad(cell, w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.insert(len(lines) - 1, "  ".join("-" * w for w in widths))
    return "\n" + "\n".join(lines)
