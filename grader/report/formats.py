"""Machine-readable results: one function per format, each taking the list of
ExerciseResults of one `check` and returning the text of the file; and what
`check` adds on GitHub Actions (a step summary, error annotations).

Formats (the schemas they are tested against are in tests/self/test_formats.py):
  json        Exercism's test-runner results.json, version 3
  junit       JUnit XML, as read by GitLab, Jenkins and most CI systems
  gradescope  Gradescope's results.json
  classroom   the result JSON of GitHub Classroom's autograding reporter
  ctrf        the Common Test Report Format (CTRF) JSON report
  classroom50 Classroom 50's result.json (classroom50/result/v1), in classroom50.py
  trace       the runs themselves, in the Trace Event Format that Perfetto and
              Chrome's trace viewer open, in trace_event.py
  html        one self-contained page: the checks and each run as a picture, in html.py
"""
import datetime
import json
import os
import re
import time
import xml.etree.ElementTree as ET

from grader.report.text import failure_text, inert
from grader.report.html import html_page
from grader.report.trace_event import trace_event

OUTPUT_LIMIT = 500  # characters of a check's output in the exercism format
STARTED = int(time.time() * 1000)  # when this grading process began, for CTRF's summary


def _cap(text, limit):
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _message(r, c):
    """What went wrong, without the timeline (formats keep that apart)."""
    return failure_text(c, r.exercise.start_methods, timeline=False)


def _timeline(c):
    return next((m.get("timeline") for _, m in c.failures if m.get("timeline")), "") or ""


def _number(ex):
    """An exercise's number, its task id: 3 for 03_daemon."""
    m = re.match(r"\d+", ex.name)
    return int(m.group()) if m else 0


def _status(results):
    if any(r.error for r in results):
        return "error"
    return "pass" if all(r.passed for r in results) else "fail"


def exercism(results):
    """Exercism's results.json, version 3: a status per check, the check's
    message, the run's timeline as its output, the exercise's number as task id."""
    tests = []
    for r in results:
        for c in r.checks:
            tests.append({
                "name": "%s: %s" % (r.exercise.name, c.title),
                "test_code": "check `%s` of %s (hidden suite tests/katas/%s)"
                             % (c.name, r.exercise.name, r.exercise.name),
                "task_id": _number(r.exercise),
                "status": "pass" if c.passed else "fail",
                "message": None if c.passed else _message(r, c),
                "output": (_cap(_timeline(c), OUTPUT_LIMIT) or None) if not c.passed else None,
                "exercise": r.exercise.name,
                "check": c.name,
                "score": c.earned,
                "max_score": c.points,
            })
    error = next((r.error for r in results if r.error), None)
    return json.dumps({"version": 3, "status": _status(results), "message": error,
                       "tests": tests}, ensure_ascii=False, indent=2)


def junit(results):
    """JUnit XML: a testsuite per exercise, a testcase per check."""
    suites = ET.Element("testsuites", name="concurrency katas",
                        tests=str(sum(len(r.checks) for r in results)),
                        failures=str(sum(not c.passed for r in results for c in r.checks)),
                        errors=str(sum(bool(r.error) for r in results)))
    for r in results:
        suite = ET.SubElement(suites, "testsuite", name=r.exercise.name,
                              tests=str(len(r.checks)),
                              failures=str(sum(not c.passed for c in r.checks)),
                              errors="1" if r.error else "0", skipped="0", time="0")
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="file", value=str(r.file))
        ET.SubElement(props, "property", name="ran_as", value=r.ran_as)
        ET.SubElement(props, "property", name="score", value="%d/%d" % (r.score, r.exercise.points))
        for c in r.checks:
            case = ET.SubElement(suite, "testcase", name=c.title,
                                 classname="%s.%s" % (r.exercise.name, c.name), time="0")
            if not c.passed:
                text = _message(r, c)
                failure = ET.SubElement(case, "failure", type="Mistake",
                                        message=text.splitlines()[0] if text else "failed")
                failure.text = text + ("\n\n" + _timeline(c) if _timeline(c) else "")
        if r.error:
            ET.SubElement(suite, "system-err").text = r.error
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def gradescope(results):
    """Gradescope's results.json: a test per check with its points."""
    tests = []
    for r in results:
        for c in r.checks:
            test = {"name": "%s: %s" % (r.exercise.name, c.title), "number": "%d.%d" % (
                        _number(r.exercise), r.checks.index(c) + 1),
                    "score": c.earned, "max_score": c.points,
                    "status": "passed" if c.passed else "failed", "visibility": "visible"}
            if not c.passed:
                test["output"] = _message(r, c) + (
                    "\n\n" + _timeline(c) if _timeline(c) else "")
            tests.append(test)
    out = {"score": sum(r.score for r in results), "visibility": "visible",
           "stdout_visibility": "hidden", "tests": tests}
    error = next((r.error for r in results if r.error), None)
    if error:
        out["output"] = error
    return json.dumps(out, ensure_ascii=False, indent=2)


def classroom(results):
    """The result JSON of GitHub Classroom's autograding reporter (what its
    command grader puts, base64-encoded, in a step's `result` output): a test
    per check, so a student gets the points of every check passed."""
    tests = []
    for r in results:
        for c in r.checks:
            tests.append({"name": "%s: %s" % (r.exercise.name, c.title),
                          "status": "pass" if c.passed else "fail",
                          "score": c.earned,
                          "message": "" if c.passed else _cap(_message(r, c), 2000),
                          "test_code": "make check EX=%s" % r.exercise.name,
                          "filename": str(r.file), "line_no": 0, "duration": 0})
    return json.dumps({"version": 1, "status": _status(results),
                       "max_score": sum(r.exercise.points for r in results),
                       "tests": tests}, ensure_ascii=False)


def ctrf(results):
    """A CTRF report: a test per check, in a suite named after its exercise,
    with the check's message; the timeline and the points go in `extra`.  The
    grader does not time checks one by one, so each test's duration is 0 and the
    summary's start and stop are when this grading process began and ended."""
    tests = []
    for r in results:
        for c in r.checks:
            test = {"name": "%s: %s" % (r.exercise.name, c.title),
                    "status": "passed" if c.passed else "failed", "duration": 0,
                    "suite": [r.exercise.name], "filePath": str(r.file),
                    "extra": {"exercise": r.exercise.name, "check": c.name,
                              "score": c.earned, "max_score": c.points}}
            if not c.passed:
                test["message"] = _message(r, c)
                if _timeline(c):
                    test["extra"]["timeline"] = _timeline(c)
            tests.append(test)
    passed = sum(t["status"] == "passed" for t in tests)
    extra = {"score": sum(r.score for r in results),
             "max_score": sum(r.exercise.points for r in results)}
    error = next((r.error for r in results if r.error), None)
    if error:
        extra["error"] = error
    return json.dumps({
        "reportFormat": "CTRF", "specVersion": "0.0.0",
        "timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "generatedBy": "concurrency-katas grader",
        "results": {
            "tool": {"name": "concurrency-katas grader"},
            "summary": {"tests": len(tests), "passed": passed, "failed": len(tests) - passed,
                        "skipped": 0, "pending": 0, "other": 0, "suites": len(results),
                        "start": STARTED, "stop": max(STARTED, int(time.time() * 1000))},
            "tests": tests, "extra": extra}}, ensure_ascii=False, indent=2)


def classroom50(results):
    """Classroom 50's result.json for a local check (classroom50.py)."""
    from grader.report import classroom50 as c50
    return c50.result_json(results)


FORMATS = {"json": exercism, "junit": junit, "gradescope": gradescope, "classroom": classroom,
           "ctrf": ctrf, "classroom50": classroom50, "trace": trace_event, "html": html_page}


def step_summary(results):
    """A Markdown table of the checks, for $GITHUB_STEP_SUMMARY."""
    lines = ["| exercise | check | result | points |", "| --- | --- | --- | --- |"]
    for r in results:
        for c in r.checks:
            lines.append("| %s | %s | %s | %d/%d |" % (
                r.exercise.name, c.title.replace("|", "\\|"),
                "✅ pass" if c.passed else "❌ fail", c.earned, c.points))
    lines.append("| **total** | | | **%d/%d** |" % (sum(r.score for r in results),
                                                    sum(r.exercise.points for r in results)))
    return "\n".join(lines) + "\n"


def _escape(text, prop=False):
    """TEXT as the value (or, PROP, a property) of a workflow command: the
    runner turns %25, %0D and %0A back into %, CR and LF (and, in properties,
    %3A and %2C into : and ,), so nothing in TEXT can end the command's line."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


LINE = re.compile(r"\bline (\d{1,6})\b")


def _annotated_file(r, environ):
    """The student's file as GitHub places an annotation: relative to the
    repository's root ($GITHUB_WORKSPACE) when it is in it."""
    workspace = environ.get("GITHUB_WORKSPACE")
    path = os.path.abspath(str(r.file))
    if workspace and path.startswith(os.path.abspath(workspace) + os.sep):
        return os.path.relpath(path, os.path.abspath(workspace))
    return str(r.file)


def annotations(results, environ=os.environ):
    """GitHub Actions workflow commands: an error on the student's file per
    failed check, on the first line of the file the check's message names (1
    when it names none).  The message quotes what the program printed: it is
    made inert and escaped, so it stays the value of this one command."""
    lines = []
    for r in results:
        for c in r.checks:
            if not c.passed:
                message = _message(r, c)
                line = LINE.search(message)
                lines.append("::error file=%s,line=%s,title=%s::%s" % (
                    _escape(_annotated_file(r, environ), True), line.group(1) if line else "1",
                    _escape("%s: %s" % (r.exercise.name, c.title), True),
                    _escape(inert(_cap(message, 1000)))))
    return lines


def publish_on_github(results, environ=os.environ, out=print):
    """On GitHub Actions: append the step summary and print the annotations."""
    summary = environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as f:
            f.write(step_summary(results))
    if environ.get("GITHUB_ACTIONS") == "true":
        for line in annotations(results, environ):
            out(line)
