"""The recordings of the replay tier (tests/recorded/<exercise>/<program>.<method>.json.gz):
what one run left for the trace reader -- its output, the harness's records, its stack
dumps -- and what the runner knew of it, written by tools/record_runs.py and read back
into a Run by test_replayed_checks.py; and what they were made from
(tests/recorded/<exercise>/sources.json), so that the self-test knows when
they no longer stand for what today's code would record."""
import gzip
import hashlib
import json
from pathlib import Path

from grader.trace.model import read_run

ROOT = Path(__file__).resolve().parents[2]
RECORDED = ROOT / "tests" / "recorded"
HERE = "@ROOT@"  # stands for the checkout's folder in a recording
CORPUS = ROOT / "tests" / "corpus"
# What a run records depends on this code (the harness in the program's
# processes; the runner and keeper that start, contain and read it) ...
RECORDING_CODE = ("grader/harness", "grader/run")
# ... on these settings of the exercise's info.toml, and on the program's text.
RUN_SETTINGS = ("time_scale", "start_methods", "deadline", "amplify")


def encode(facts, files):
    """A recording of a run: FACTS, read_run's arguments but its folders; FILES,
    {name: text} of the files it reads."""
    data = json.dumps({"facts": facts, "files": files}, ensure_ascii=False, sort_keys=True)
    return gzip.compress(data.replace(str(ROOT), HERE).encode("utf-8"), compresslevel=9,
                         mtime=0)


def replayed(recording, folder):
    """The Run that RECORDING (a path) holds, its files laid out in FOLDER."""
    data = json.loads(gzip.decompress(recording.read_bytes()).decode("utf-8").replace(
        HERE, json.dumps(str(ROOT))[1:-1]))
    folder.mkdir()
    for name, text in data["files"].items():
        (folder / name).write_text(text, encoding="utf-8")
    facts = dict(data["facts"], keeper=tuple(data["facts"]["keeper"]))
    return read_run(folder, rundir=folder, **facts)


def programs(ex):
    """{stem: path} of the programs recorded for EX: its reference solution
    ('solution') and its corpus."""
    found = {"solution": ex.student_file(ROOT / "solutions")}
    found.update((p.stem, p) for p in sorted((CORPUS / ex.name).glob("*.py")))
    return found


def _digest(*parts):
    h = hashlib.sha256()
    for part in parts:
        h.update(part + b"\0")
    return h.hexdigest()[:16]


def sources(ex):
    """What recordings of EX made now would be made from: a digest of the
    recording code, the exercise's run settings, a digest of each program."""
    code = sorted(p for folder in RECORDING_CODE for p in (ROOT / folder).rglob("*.py"))
    return {"code": _digest(*(part for p in code for part in
                              (p.relative_to(ROOT).as_posix().encode(), p.read_bytes()))),
            "settings": {k: getattr(ex, k) for k in RUN_SETTINGS},
            "programs": {stem: _digest(path.read_bytes())
                         for stem, path in programs(ex).items()}}


def sources_file(ex):
    return RECORDED / ex.name / "sources.json"


def stale(ex):
    """Why EX's recordings are not what today's code, settings and programs would
    record (one line each), [] if they are."""
    try:
        made = json.loads(sources_file(ex).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ["there is no %s" % sources_file(ex).relative_to(ROOT)]
    now, why = sources(ex), []
    if made.get("code") != now["code"]:
        why.append("the harness or the runner (%s) changed" % ", ".join(RECORDING_CODE))
    for key, value in now["settings"].items():
        if made.get("settings", {}).get(key) != value:
            why.append("info.toml's %s is %r, not %r" % (key, value,
                                                         made.get("settings", {}).get(key)))
    then = made.get("programs", {})
    for label, stems in (("not recorded", [s for s in now["programs"] if s not in then]),
                         ("changed", [s for s in now["programs"]
                                      if s in then and then[s] != now["programs"][s]]),
                         ("recorded but gone", [s for s in then if s not in now["programs"]])):
        if stems:
            why.append("programs %s: %s" % (label, ", ".join(sorted(stems))))
    missing = ["%s.%s" % (stem, method) for stem in now["programs"] if stem in then
               for method in ex.start_methods
               if not (RECORDED / ex.name / ("%s.%s.json.gz" % (stem, method))).is_file()]
    if missing:
        why.append("recordings missing: %s" % ", ".join(missing))
    return why
