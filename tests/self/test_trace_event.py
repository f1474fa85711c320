"""The runs as a standard trace (`check --format trace`, grader/report/trace_event.py):
for the recorded run of every reference solution and corpus program
(tests/recorded/), every fact the text timeline shows -- each line printed, each
process's and thread's start and end, each event set, main's end -- is in the
trace, at its time and in its process, and so is every hold of a lock; the
solutions' traces keep to the Trace
Event Format's documented fields (tests/self/schemas/trace-event.json), as
`check --format trace` does (test_formats.py)."""
import json
from pathlib import Path

import jsonschema
import pytest

from grader.grading import exercise as exercises
from grader.kata.checks import timeline_rows
from grader.report.trace_event import US, _Trace, add_run
from recordings import RECORDED, replayed

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "trace-event.json").read_text())
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def missing(run, validate):
    """The timeline's rows of RUN that its trace does not show (its trace
    validated against the schema first, if VALIDATE)."""
    trace = _Trace()
    add_run(trace, 1, "x", run)
    if validate:
        VALIDATOR.validate({"traceEvents": trace.events})
    by_pid = {}
    for e in trace.events:
        by_pid.setdefault(e["pid"], []).append(e)
    shown = []
    for t, _, label, pid, thread, text in timeline_rows(run):
        mine = [e for e in by_pid.get(trace.pids.get((1, pid)), []) if e["ph"] != "M"]
        at = round(t * US)
        if text.startswith("("):  # a start, an end, an event set: an event begins or ends then
            found = any(abs(e["ts"] - at) <= 1 or abs(e["ts"] + e.get("dur", 0) - at) <= 1
                        for e in mine)
        else:  # a line printed
            found = any(e["ph"] == "i" and abs(e["ts"] - at) <= 1 and
                        text in (e["args"]["text"], "[stderr] " + e["args"]["text"]) for e in mine)
        if not found:
            shown.append("%.3f s %s pid %d %s: %s" % (t, label, pid, thread or "", text))
    holds = [e for e in trace.events if e["ph"] == "X" and e["name"].startswith("holds lock")]
    if sorted((e["ts"], e["args"]["holds"]) for e in holds) != sorted(
            (round(h.first * US), h.count) for *_, h in run.lock_holds()):
        shown.append("holds of locks: %d in the trace, %d in the run" % (
            len(holds), len(run.lock_holds())))
    return shown


@pytest.mark.parametrize("name", exercises.names())
def test_every_fact_of_the_timeline_is_in_the_trace(name, tmp_path):
    problems = []
    for n, recording in enumerate(sorted((RECORDED / name).glob("*.json.gz"))):
        # (the schema's if-then rules are slow: the solutions' traces are validated)
        lost = missing(replayed(recording, tmp_path / str(n)), recording.name.startswith("solution."))
        if lost:
            problems.append("%s: %s" % (recording.name, "; ".join(lost[:3])))
    assert not problems, "\n".join(problems)


def test_schema_rejects_what_it_should():
    good = {"traceEvents": [{"name": "a", "ph": "X", "ts": 0, "dur": 1, "pid": 1, "tid": 1}]}
    jsonschema.validate(good, SCHEMA)
    for bad in ({"dur": None, "ph": "X"}, {"ph": "i"}, {"ph": "s"}, {"ph": "C", "args": {"n": "1"}},
                {"ph": "M", "name": "process_title", "args": {"name": "x"}}, {"ts": -1}):
        event = dict(good["traceEvents"][0], **bad)
        event = {k: v for k, v in event.items() if v is not None}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"traceEvents": [event]}, SCHEMA)
