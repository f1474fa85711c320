"""Every result format validates against the schema written down from its
documentation (tests/self/schemas/), for a passing and a failing program, and
agrees with the others on what passed; on GitHub Actions `check` also writes a
step summary and error annotations."""
import base64
import json
import re
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from grader.grading import exercise as exercises

ROOT = exercises.ROOT
SCHEMAS = Path(__file__).parent / "schemas"
EX = exercises.load("04_threads")
PROGRAMS = {"solution": EX.student_file(ROOT / "solutions"), "stub": EX.student_file(ROOT / "exercises")}


def check(fmt, program, tmp_path, env=None, output=True):
    out = tmp_path / ("results.%s" % fmt)
    cmd = [sys.executable, "-m", "grader", "check", EX.name, "--file", str(PROGRAMS[program]),
           "--format", fmt] + (["--output", str(out)] if output else [])
    proc = subprocess.run(cmd, cwd=str(ROOT), capture_output=True, text=True, timeout=120,
                          env=dict(os.environ if env is None else env, PYTHONPATH=str(ROOT)))
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == (0 if program == "solution" else 1)
    return (out.read_text(encoding="utf-8") if output else proc.stdout), proc


def schema(name):
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def expected_passes(program):
    return len(EX.checks) if program == "solution" else None


@pytest.mark.parametrize("program", PROGRAMS)
def test_json_is_exercism_v3(program, tmp_path):
    text, _ = check("json", program, tmp_path)
    data = json.loads(text)
    jsonschema.validate(data, schema("exercism-v3.json"))
    assert data["status"] == ("pass" if program == "solution" else "fail")
    assert [t["task_id"] for t in data["tests"]] == [4] * len(EX.checks)
    failed = [t for t in data["tests"] if t["status"] == "fail"]
    assert (not failed) if program == "solution" else failed
    for t in failed:
        assert "Expected:" in t["message"] and "Your run:" in t["message"]


@pytest.mark.parametrize("program", PROGRAMS)
def test_junit_validates_and_counts(program, tmp_path):
    text, _ = check("junit", program, tmp_path)
    xmlschema.XMLSchema(str(SCHEMAS / "junit.xsd")).validate(text.encode("utf-8"))
    root = ET.fromstring(text.encode("utf-8"))
    cases = root.findall("testsuite/testcase")
    assert len(cases) == len(EX.checks)
    failures = [c for c in cases if c.find("failure") is not None]
    assert int(root.get("failures")) == len(failures)
    assert (not failures) if program == "solution" else failures


@pytest.mark.parametrize("program", PROGRAMS)
def test_gradescope_validates_and_scores(program, tmp_path):
    text, _ = check("gradescope", program, tmp_path)
    data = json.loads(text)
    jsonschema.validate(data, schema("gradescope.json"))
    assert data["score"] == sum(t["score"] for t in data["tests"])
    assert sum(t["max_score"] for t in data["tests"]) == EX.points
    assert (data["score"] == EX.points) == (program == "solution")


@pytest.mark.parametrize("program", PROGRAMS)
def test_classroom_validates_and_gives_points_per_check(program, tmp_path):
    text, _ = check("classroom", program, tmp_path)
    data = json.loads(text)
    jsonschema.validate(data, schema("classroom.json"))
    assert data["max_score"] == EX.points
    score = sum(t["score"] for t in data["tests"])
    if program == "solution":
        assert data["status"] == "pass" and score == EX.points
    else:  # partial credit: the stub runs and prints, so some checks pass
        assert data["status"] == "fail" and 0 < score < EX.points
    # what the command grader would put in its `result` output round-trips
    assert json.loads(base64.b64decode(base64.b64encode(text.encode("utf-8")))) == data


@pytest.mark.parametrize("program", PROGRAMS)
def test_ctrf_validates_and_counts(program, tmp_path):
    text, _ = check("ctrf", program, tmp_path)
    data = json.loads(text)
    jsonschema.validate(data, schema("ctrf.json"))
    summary, tests = data["results"]["summary"], data["results"]["tests"]
    assert summary["tests"] == len(tests) == len(EX.checks)
    assert summary["passed"] == sum(t["status"] == "passed" for t in tests)
    assert summary["start"] <= summary["stop"]
    failed = [t for t in tests if t["status"] == "failed"]
    assert (not failed) if program == "solution" else failed
    assert all("Expected:" in t["message"] for t in failed)
    assert data["results"]["extra"]["score"] == sum(t["extra"]["score"] for t in tests)


@pytest.mark.parametrize("program", PROGRAMS)
def test_trace_validates_and_shows_the_run(program, tmp_path):
    """`--format trace`: the Trace Event Format, each run's processes named by
    exercise, start method and label (test_trace_event.py: every fact of the
    timeline is in it)."""
    text, _ = check("trace", program, tmp_path)
    data = json.loads(text)
    jsonschema.validate(data, schema("trace-event.json"))
    names = [e["args"]["name"] for e in data["traceEvents"] if e["name"] == "process_name"]
    assert names and all(n.startswith("04_threads · ") for n in names), names
    assert any(n.startswith("04_threads · default · main (pid ") for n in names), names
    printed = [e for e in data["traceEvents"] if e["cat"] == "print"]
    assert printed and all(e["ph"] == "i" and e["args"]["text"] for e in printed)
    threads = {e["name"] for e in data["traceEvents"] if e["ph"] == "X" and e["cat"] == "thread"}
    assert ("thread LoopThread" in threads) == (program == "solution"), threads


def test_ctrf_schema_rejects_what_it_should():
    good = {"reportFormat": "CTRF", "specVersion": "0.0.0", "results": {
        "tool": {"name": "x"}, "summary": {"tests": 1, "passed": 1, "failed": 0, "skipped": 0,
                                           "pending": 0, "other": 0, "start": 0, "stop": 1},
        "tests": [{"name": "t", "status": "passed", "duration": 0}]}}
    jsonschema.validate(good, schema("ctrf.json"))
    for bad in ({"status": "pass"}, {"duration": 0.5}, {"score": 1}):
        case = json.loads(json.dumps(good))
        case["results"]["tests"][0].update(bad)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(case, schema("ctrf.json"))


def test_schemas_reject_what_they_should():
    """The schemas are not vacuous."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": 3, "status": "fail", "tests": [
            {"name": "x", "test_code": "", "status": "fail", "message": None}]},
            schema("exercism-v3.json"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": 1, "status": "pass", "max_score": 1,
                             "tests": [{"name": "x", "status": "pass"}]}, schema("classroom.json"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"tests": [{"name": "x", "status": "ok", "score": 1}]},
                            schema("gradescope.json"))
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        xmlschema.XMLSchema(str(SCHEMAS / "junit.xsd")).validate(
            b"<testsuites><testsuite name='a'><testcase name='b'/></testsuite></testsuites>")


def test_github_step_summary_and_annotations(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = dict(os.environ, GITHUB_STEP_SUMMARY=str(summary), GITHUB_ACTIONS="true")
    text, proc = check("text", "stub", tmp_path, env=env, output=False)
    table = summary.read_text(encoding="utf-8")
    assert table.startswith("earlier step\n| exercise | check | result | points |")
    assert all(c.title in table for c in EX.checks) and "❌ fail" in table and "**total**" in table
    errors = [l for l in proc.stdout.splitlines() if l.startswith("::error ")]
    failed = table.count("❌ fail")
    assert len(errors) == failed
    assert all(re.match(r"::error file=exercises/04_threads/threads\.py,line=\d+,"
                        r"title=04_threads%3A ", l) for l in errors), errors  # as GitHub wants
    assert all("%0A" in l for l in errors)  # multi-line messages stay one command line
    # the report (which quotes the program's output) is fenced off from command processing,
    # and the annotations come after the fence
    lines = proc.stdout.splitlines()
    stop = next(i for i, l in enumerate(lines) if l.startswith("::stop-commands::"))
    token = lines[stop].split("::")[2]
    resume = lines.index("::%s::" % token)
    assert stop == 0 and resume < lines.index(errors[0])


def test_no_github_output_outside_actions(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    _, proc = check("text", "stub", tmp_path, env=env, output=False)
    assert "::error" not in proc.stdout


def test_make_check_takes_format_and_output(tmp_path):
    out = tmp_path / "report.xml"
    proc = subprocess.run(["make", "-s", "--no-print-directory", "check", "EX=04_threads",
                           "SRC=solutions", "FORMAT=junit", "OUTPUT=%s" % out],
                          cwd=str(ROOT), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ET.fromstring(out.read_bytes()).get("failures") == "0"


def workflow_commands(text):
    """The lines of TEXT that GitHub's runner would act on: `::name ...::data`
    once leading whitespace is trimmed (as .NET's TrimStart does), or the
    legacy `##[name ...]` anywhere in a line (Azure's `##vso[` as well)."""
    return [line for line in text.splitlines()
            if re.match(r"::[^:]*::", line.lstrip(" \t\r\n\v\f\x85\xa0\u2000\u2001\u2002\u2003"
                                                 "\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                                                 "\u2028\u2029\u202f\u205f\u3000"))
            or re.search(r"##(vso)?\[[^\]]*\]", line)]


@pytest.mark.parametrize("form", ["text", "junit"])
def test_nothing_the_program_prints_commands_a_ci_log(form, tmp_path):
    """Not even where the grader cannot tell that it runs on GitHub (the command
    grader runs it without GITHUB_ACTIONS): what the report quotes is inert."""
    hostile = ROOT / "tests" / "hostile" / "04_threads" / "log_commands.py"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env["PYTHONPATH"] = str(ROOT)

    def check(*args, **more):
        return subprocess.run([sys.executable, "-m", "grader", "check", "04_threads", "--file",
                               str(hostile), *args], cwd=str(ROOT), env=dict(env, **more),
                              capture_output=True, text=True, timeout=300)

    proc = check("--format", form)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "set-env name=BASH_ENV" in proc.stdout and "forged too" in proc.stdout  # shown
    assert workflow_commands(proc.stdout + proc.stderr) == []
    if form == "text":
        # A report written to a file may be shown in a log later; and on GitHub the
        # grader's own annotations are the only commands.
        out = tmp_path / "report.txt"
        proc = check("--output", str(out), GITHUB_ACTIONS="true")
        assert "add-mask" in out.read_text(encoding="utf-8")
        assert workflow_commands(out.read_text(encoding="utf-8")) == []
        commands = workflow_commands(proc.stdout)
        assert commands and all(c.startswith("::error file=") for c in commands), commands
