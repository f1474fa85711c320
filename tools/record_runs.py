"""`python tools/record_runs.py [EXERCISE ...]`: record runs for the replay tier.

Runs each exercise's reference solution and corpus programs (tests/corpus/)
once per start method of the exercise, as a grading would, and keeps what the
run left for the trace reader -- its output, the harness's records, the stack
dumps and what the runner knew -- in tests/recorded/<exercise>/<program>.<method>.json.gz.
tests/self/test_replayed_checks.py rebuilds each run from its recording and
judges it with the hidden suite in the test's own process, in seconds for all
of them.  What the recordings were made from (a digest of the harness and the
runner, the exercise's run settings, a digest of each program) is kept in
tests/recorded/<exercise>/sources.json: the self-test fails, saying what
changed, until the runs are recorded again.  A change to a check needs no new
recording: that is what the replay tests.
"""
import json
import shutil
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "self"))

from grader.grading import exercise as exercises  # noqa: E402
from grader.run import runner  # noqa: E402
from recordings import RECORDED, encode, programs, sources, sources_file  # noqa: E402


kept = threading.local()  # what the run being recorded in this thread left


def keep(workdir, *, rundir=None, **facts):
    """The runner's read_run, keeping its inputs first."""
    rundir = Path(rundir or workdir)
    files = {"stdout": Path(workdir) / "stdout", "stderr": Path(workdir) / "stderr",
             "trace.jsonl": rundir / "trace.jsonl"}
    files.update({f.name: f for f in rundir.glob("stacks-*.txt")})
    kept.files = {name: f.read_text(encoding="utf-8", errors="replace")
                  for name, f in files.items() if f.is_file()}
    kept.facts = dict(facts, file=str(facts["file"]))
    return read_run(workdir, rundir=rundir, **facts)


read_run, runner.read_run = runner.read_run, keep


def save(folder, stem, ex, program, method):
    """Run PROGRAM as EX under METHOD, as a grading would, and keep its recording in FOLDER."""
    runner.run_program(program, start_method=method, scale=ex.time_scale,
                       deadline=ex.deadline, amplify=ex.amplify)
    (folder / ("%s.%s.json.gz" % (stem, method))).write_bytes(encode(kept.facts, kept.files))


def main(names):
    with ThreadPoolExecutor(8) as pool:  # the programs mostly sleep, as in a grading
        for name in names or exercises.names():
            ex = exercises.load(name)
            folder = RECORDED / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            made_from = sources(ex)
            done = [pool.submit(save, folder, stem, ex, program, method)
                    for stem, program in programs(ex).items() for method in ex.start_methods]
            for future in done:
                future.result()
            sources_file(ex).write_text(json.dumps(made_from, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
            print("%s: %d runs recorded" % (name, len(done)))


if __name__ == "__main__":
    main(sys.argv[1:])
