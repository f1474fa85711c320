"""The recordings of the replay tier (tests/recorded/<exercise>/<program>.<method>.json.gz):
what one run left for the trace reader -- its output, the harness's records, its stack
dumps -- and what the runner knew of it, written by tools/record_runs.py and read back
into a Run by test_replayed_checks.py."""
import gzip
import json
from pathlib import Path

from grader.trace.model import read_run

ROOT = Path(__file__).resolve().parents[2]
RECORDED = ROOT / "tests" / "recorded"
HERE = "@ROOT@"  # stands for the checkout's folder in a recording


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
