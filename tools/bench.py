"""`make bench`: how fast the grader is, and how often it is right under load.

Prints a table and writes the numbers as JSON (default build/bench.json):

  a  the reference solutions run once each as plain scripts, one after another
  b  `make check SRC=solutions`
  c  `make check EX=03_daemon`
     (a, b and c: the median of --times runs; b/a is the grader's cost relative
     to just running the programs)
  the same with a busy loop on every core, and under that load:
  the pass rate of `make check SRC=solutions` over N repetitions, and the
  rejection rate of the corpus's wrong programs over N repetitions (each
  repetition grades every corpus program once; correct variants must pass).

This is a benchmark, not a test: it asserts nothing, it reports.
"""
import argparse
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "self"))

from grader import exercise as exercises  # noqa: E402
from test_corpus import CORPUS, expectations  # noqa: E402

MAKE = ["make", "--no-print-directory", "-s", "-C", str(ROOT)]


def timed(cmd, **kwargs):
    began = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.monotonic() - began, proc.returncode


def plain_solutions():
    """Every reference solution run once as `python FILE`, one after another."""
    total = 0.0
    for name in exercises.names():
        file = exercises.load(name).student_file(ROOT / "solutions")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        seconds, _ = timed([sys.executable, file.name], cwd=str(file.parent), env=env)
        total += seconds
    return total


def speed(times):
    a = statistics.median(plain_solutions() for _ in range(times))
    b = statistics.median(timed(MAKE + ["check", "SRC=solutions"])[0] for _ in range(times))
    c = statistics.median(timed(MAKE + ["check", "EX=03_daemon", "SRC=solutions"])[0]
                          for _ in range(times))
    return {"plain_solutions_s": round(a, 3), "check_solutions_s": round(b, 3),
            "ratio_b_over_a": round(b / a, 3), "check_03_daemon_s": round(c, 3)}


class BusyLoops:
    """A busy loop on every core while inside the `with`."""

    def __enter__(self):
        self.procs = [subprocess.Popen(["sh", "-c", "while :; do :; done"])
                      for _ in range(os.cpu_count() or 1)]
        time.sleep(0.5)
        return self

    def __exit__(self, *exc):
        for p in self.procs:
            p.kill()
            p.wait()


def corpus_batches():
    """The corpus in batches holding at most one program per exercise, so one
    `check` session grades a whole batch at once."""
    by_exercise = {}
    for path in sorted(CORPUS.glob("*/*.py")):
        by_exercise.setdefault(path.parent.name, []).append(path)
    batches = []
    while any(by_exercise.values()):
        batches.append([files.pop(0) for files in by_exercise.values() if files])
    return batches


def grade_batch(batch):
    """{path: (verdict passed, expected failing checks failed)} for one batch."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "results.json"
        cmd = [sys.executable, "-m", "grader", "check", "--format", "json", "--output", str(out)]
        for path in batch:
            cmd += ["--file", "%s=%s" % (path.parent.name, path)]
        subprocess.run(cmd, cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=600)
        results = json.loads(out.read_text(encoding="utf-8"))
    verdicts = {}
    for path in batch:
        mine = {t["check"]: t for t in results["tests"] if t["exercise"] == path.parent.name}
        passed = all(t["status"] == "pass" for t in mine.values())
        named = all(mine[c]["status"] == "fail" for c in expectations(path)["fails"])
        verdicts[path] = (passed, named)
    return verdicts


def reliability(reps, workers):
    solutions_passed = sum(timed(MAKE + ["check", "SRC=solutions"])[1] == 0 for _ in range(reps))
    batches = corpus_batches()
    wrong = correct = rejected = for_the_reason = accepted = 0
    missed = {}
    with ThreadPoolExecutor(workers) as pool:
        for rep in range(reps):
            for verdicts in pool.map(grade_batch, batches):
                for path, (passed, named) in verdicts.items():
                    if expectations(path)["kind"] == "correct":
                        correct += 1
                        accepted += passed
                    else:
                        wrong += 1
                        rejected += not passed
                        for_the_reason += (not passed) and named
                        if passed or not named:
                            key = "%s/%s" % (path.parent.name, path.name)
                            missed[key] = missed.get(key, 0) + 1
            print("  repetition %d/%d done" % (rep + 1, reps), file=sys.stderr, flush=True)
    return {"repetitions": reps,
            "solutions_pass_rate": round(solutions_passed / reps, 4),
            "corpus_wrong_programs": wrong // reps,
            "corpus_rejection_rate": round(rejected / wrong, 4),
            "corpus_rejected_by_named_checks_rate": round(for_the_reason / wrong, 4),
            "corpus_correct_variants_pass_rate": round(accepted / correct, 4) if correct else None,
            "corpus_misses": missed}


def table(report):
    rows = [("", "idle", "busy loop on every core")]
    for key, label in (("plain_solutions_s", "a: solutions as plain scripts (s)"),
                       ("check_solutions_s", "b: make check SRC=solutions (s)"),
                       ("ratio_b_over_a", "b/a"),
                       ("check_03_daemon_s", "make check EX=03_daemon (s)")):
        rows.append((label, str(report["idle"][key]), str(report["loaded"][key])))
    rel = report.get("under_load")
    if rel:
        rows.append(("solutions pass, N=%d" % rel["repetitions"], "",
                     "%.1f %%" % (100 * rel["solutions_pass_rate"])))
        rows.append(("corpus rejected (%d wrong), N=%d" % (rel["corpus_wrong_programs"],
                                                          rel["repetitions"]), "",
                     "%.1f %%" % (100 * rel["corpus_rejection_rate"])))
        rows.append(("  ... by the checks it must fail", "",
                     "%.1f %%" % (100 * rel["corpus_rejected_by_named_checks_rate"])))
        if rel["corpus_correct_variants_pass_rate"] is not None:
            rows.append(("corpus correct variants pass", "",
                         "%.1f %%" % (100 * rel["corpus_correct_variants_pass_rate"])))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--reps", type=int, default=50,
                        help="repetitions of the reliability runs under load (default 50)")
    parser.add_argument("--times", type=int, default=3, help="runs per timing (median; default 3)")
    parser.add_argument("--workers", type=int, default=2,
                        help="corpus batches graded at once (default 2)")
    parser.add_argument("--output", default=str(ROOT / "build" / "bench.json"))
    args = parser.parse_args()

    timed(MAKE + ["check", "EX=04_threads", "SRC=solutions"])  # venv ready, caches warm
    report = {"machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                          "start_method": multiprocessing.get_start_method()},
              "load": "one `while :; do :; done` shell loop per core"}
    print("timing, idle ...", file=sys.stderr, flush=True)
    report["idle"] = speed(args.times)
    with BusyLoops():
        print("timing, loaded ...", file=sys.stderr, flush=True)
        report["loaded"] = speed(args.times)
        if args.reps:
            print("reliability under load, N=%d ..." % args.reps, file=sys.stderr, flush=True)
            began = time.monotonic()
            report["under_load"] = reliability(args.reps, args.workers)
            report["under_load"]["seconds"] = round(time.monotonic() - began, 1)
    print(table(report))
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print("\nwritten to %s" % os.path.relpath(args.output))


if __name__ == "__main__":
    main()
