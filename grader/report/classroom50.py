"""Classroom 50's two files: result.json (the classroom50/result/v1 document)
and release-body.md (what a student reads as the body of the Release on the
`submit/...` tag).

result.json has a row per check (each passed check earns its points) or, all
or nothing, a row per exercise.  Its identity fields come from the variables
Classroom 50's runner sets (CLASSROOM, ASSIGNMENT, OWNER, SUBMISSION_TAG,
COMMIT_URL, RELEASE_URL, REVIEW_URL, ASSIGNMENT_TYPE); outside the runner
they say `local`.  The runner's own limits on test names are kept: at most 100
rows, names unique and at most 100 bytes of UTF-8.

Everything a student's program printed reaches the Markdown only inside a
code fence longer than any run of backticks in it, so it cannot end the fence
and become Markdown or HTML of its own.
"""
import datetime
import json
import os
import re

from grader.i18n import check_title, t, title
from grader.report.text import failure_text

SCHEMA = "classroom50/result/v1"
MAX_ROWS = 100
MAX_NAME_BYTES = 100
MESSAGE_LIMIT = 300  # characters of a row's message
DETAIL_LIMIT = 4000  # characters of a failure's text in the body
TIMELINE_LIMIT = 6000  # characters of a failure's timeline in the body
BODY_LIMIT = 100_000  # characters of the whole body (GitHub caps a Release body at 125,000)


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def identity(environ=os.environ):
    """The result's identity fields, from the runner's variables ('local' where unset)."""
    commit = environ.get("COMMIT_URL") or "local"
    submission = environ.get("SUBMISSION_TAG") or "submit/local"
    return {
        "classroom": environ.get("CLASSROOM") or "local",
        "assignment": environ.get("ASSIGNMENT") or "local",
        "assignment_type": environ.get("ASSIGNMENT_TYPE") or "individual",
        "owner": environ.get("OWNER") or environ.get("USERNAME") or "local",
        "submission": submission if submission.startswith("submit/") else "submit/" + submission,
        "commit": commit,
        "release": environ.get("RELEASE_URL") or "local",
        "review": environ.get("REVIEW_URL") or commit,
    }


def _cap(text, limit):
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _name(text, taken):
    """TEXT as a test name: no control characters, at most MAX_NAME_BYTES of
    UTF-8, and not one already in TAKEN (a number is added)."""
    text = re.sub(r"[\x00-\x1f\x7f]", " ", text)
    n = 1
    while True:
        suffix = "" if n == 1 else " (%d)" % n
        room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
        name = text
        if len(name.encode("utf-8")) > room:
            while len((name + "…").encode("utf-8")) > room:
                name = name[:-1]
            name += "…"
        name += suffix
        if name not in taken:
            taken.add(name)
            return name
        n += 1


def _first_line(c):
    """A failed check's short message: the first line of what the run did."""
    got = next((m.get("got") for _, m in c.failures if m.get("got")), "") or ""
    return _cap(got.strip().splitlines()[0] if got.strip() else "failed", MESSAGE_LIMIT)


def rows(results, per_check=True):
    """The `tests` rows of result.json."""
    taken, out = set(), []
    for r in results:
        ex = r.exercise
        if per_check:
            for c in r.checks:
                row = {"test-name": _name("%s: %s" % (ex.name, c.title), taken),
                       "passed": bool(c.passed), "score": int(c.earned),
                       "max-score": int(c.points), "exercise": ex.name, "check": c.name}
                if not c.passed:
                    row["message"] = _first_line(c)
                out.append(row)
        else:
            row = {"test-name": _name("%s: %s" % (ex.name, ex.title), taken),
                   "passed": bool(r.passed), "score": int(ex.points if r.passed else 0),
                   "max-score": int(ex.points), "exercise": ex.name}
            if not r.passed:
                failed = [c.title for c in r.checks if not c.passed]
                row["message"] = _cap(r.error or "failed: " + "; ".join(failed), MESSAGE_LIMIT)
            out.append(row)
    if len(out) > MAX_ROWS:
        raise ValueError("%d rows: Classroom 50 takes at most %d; grade fewer exercises "
                         "or all or nothing" % (len(out), MAX_ROWS))
    return out


def document(results, per_check=True, environ=os.environ):
    """The classroom50/result/v1 document as a dict."""
    tests = rows(results, per_check)
    now = _now()
    return dict({"schema": SCHEMA}, **identity(environ), **{
        "datetime": now, "graded_at": now,
        "score": sum(row["score"] for row in tests),
        "max-score": sum(row["max-score"] for row in tests),
        "tests": tests})


def result_json(results, per_check=True, environ=os.environ):
    return json.dumps(document(results, per_check, environ), ensure_ascii=False, indent=2)


def fence(text):
    """A code fence for TEXT: backticks, one more than its longest run, at least three."""
    longest = max([len(run) for run in re.findall(r"`+", text)] + [2])
    return "`" * (longest + 1)


def fenced(text, limit):
    text = _cap(text.rstrip(), limit)
    mark = fence(text)
    return "%s\n%s\n%s" % (mark, text, mark)


def _cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def release_body(results, per_check=True, page=None):
    """release-body.md: the score, a table of exercises and checks, and for
    each failure what was expected, what the run did and a hint (fenced), with
    the run's timeline in a collapsed block; PAGE: the name of the report page
    that may be attached to the Release."""
    score = sum(r.score if per_check else (r.exercise.points if r.passed else 0) for r in results)
    total = sum(r.exercise.points for r in results)
    lines = ["## %s: %d/%d" % (t("score"), score, total), "",
             t("c50_mode_check") if per_check else t("c50_mode_exercise"), ""]
    if page:
        lines += [t("c50_page", page=page.replace("`", "'")), ""]
    lines += ["| %s | %s | %s | %s |" % (t("col_exercise"), t("c50_check"), t("c50_result"),
                                         t("col_points")),
              "| --- | --- | --- | --- |"]
    for r in results:
        ex = r.exercise
        for c in r.checks:
            lines.append("| %s | %s | %s | %s |" % (
                ex.name, _cell(check_title(ex, c.name, c.title)),
                "✅ PASS" if c.passed else "❌ FAIL",
                "%d/%d" % (c.earned, c.points) if per_check else "—"))
        lines.append("| **%s** | %s | %s | **%d/%d** |" % (
            ex.name, _cell(title(ex)), "✅" if r.passed else "❌",
            r.score if per_check else (ex.points if r.passed else 0), ex.points))
    blocks = ["\n".join(lines)]  # each whole: a cut between two never leaves a fence open
    for r in results:
        failed = [c for c in r.checks if not c.passed]
        if not failed and not r.error:
            continue
        ex = r.exercise
        head = ["### %s: %s" % (ex.name, _cell(title(ex))), "",
                "%s: `%s`" % (t("file"), r.file.replace("`", "'"))]
        if r.error:
            head += ["", fenced(r.error, DETAIL_LIMIT)]
        blocks.append("\n".join(head))
        for c in failed:
            block = ["#### ❌ %s" % _cell(check_title(ex, c.name, c.title)), "",
                     fenced(failure_text(c, ex.start_methods, timeline=False), DETAIL_LIMIT)]
            timeline = next((m.get("timeline") for _, m in c.failures if m.get("timeline")), "")
            if timeline:
                block += ["", "<details><summary>%s</summary>" % t("timeline").rstrip(":："), "",
                          fenced(timeline, TIMELINE_LIMIT), "", "</details>"]
            blocks.append("\n".join(block))
    body, room = "", BODY_LIMIT - 200
    for n, block in enumerate(blocks):
        if n and len(body) + len(block) + 2 > room:
            return body + "\n" + t("c50_cut") + "\n"
        body += ("\n" if n else "") + block + "\n"
    return body
