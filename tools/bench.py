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
  repetition grades every corpus program once; correct variants must pass;
  a wrong one is rejected "for the reason" when the checks its header names
  fail and their messages say what the header says).

--reliability-only leaves out the timings and grades only the chosen
exercises (--exercise 05 --exercise 08 ...) with the chosen interpreters
(--python 3.13t, matrix entries of tests/interpreters.py, or all) under the
chosen default start methods, their reference solutions among the programs
that must pass; it exits 1 if any grading got a wrong verdict and lists them.

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

from grader.grading import exercise as exercises  # noqa: E402
from test_corpus import CORPUS, expectations, wrong_verdict  # noqa: E402

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


def corpus_batches(files=None):
    """The corpus (or FILES) in batches holding at most one program per
    exercise, so one `check` session grades a whole batch at once."""
    by_exercise = {}
    for path in files or sorted(CORPUS.glob("*/*.py")):
        by_exercise.setdefault(path.parent.name, []).append(path)
    batches = []
    while any(by_exercise.values()):
        batches.append([files.pop(0) for files in by_exercise.values() if files])
    return batches


def grade_across_exercises(batch, python=None, method=None):
    """{path: (verdict passed, what is wrong with the grading against the file's
    header or None)} for one batch, graded by PYTHON under the default METHOD."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "results.json"
        cmd = [sys.executable, "-m", "grader", "check", "--format", "json", "--output", str(out)]
        cmd += ["--python", python] if python else []
        cmd += ["--default-method", method] if method else []
        for path in batch:
            cmd += ["--file", "%s=%s" % (path.parent.name, path)]
        subprocess.run(cmd, cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=600)
        results = json.loads(out.read_text(encoding="utf-8"))
    verdicts = {}
    for path in batch:
        mine = [t for t in results["tests"] if t["exercise"] == path.parent.name]
        verdicts[path] = (all(t["status"] == "pass" for t in mine), wrong_verdict(path, mine))
    return verdicts


def reliability(reps, workers, files=None, combos=((None, None),), solutions=True):
    """Verdicts over REPS repetitions under each (python, default method) of
    COMBOS: every program of FILES (default: the corpus) graded once a
    repetition; with SOLUTIONS, `make check SRC=solutions` too."""
    solutions_passed = (sum(timed(MAKE + ["check", "SRC=solutions"])[1] == 0 for _ in range(reps))
                        if solutions else None)
    batches = corpus_batches(files)
    wrong = correct = rejected = for_the_reason = accepted = 0
    missed = {}
    with ThreadPoolExecutor(workers) as pool:
        for rep in range(reps):
            for python, method in combos:
                graded = pool.map(lambda b: grade_across_exercises(b, python, method), batches)
                for verdicts in graded:
                    for path, (passed, problem) in verdicts.items():
                        if expectations(path)["kind"] != "wrong":  # or a reference solution
                            correct += 1
                            accepted += passed
                        else:
                            wrong += 1
                            rejected += not passed
                            for_the_reason += problem is None
                        if problem is not None:
                            key = "%s/%s" % (path.parent.name, path.name)
                            if python or method:
                                key += " [%s, %s]" % (python or "this python", method or "native")
                            missed.setdefault(key, []).append(problem[:2000])
            print("  repetition %d/%d done" % (rep + 1, reps), file=sys.stderr, flush=True)
    return {"repetitions": reps, "combinations": len(combos),
            "solutions_pass_rate": round(solutions_passed / reps, 4) if solutions else None,
            "corpus_wrong_programs": wrong // reps // len(combos),
            "corpus_rejection_rate": round(rejected / wrong, 4) if wrong else None,
            "corpus_rejected_by_named_checks_rate": round(for_the_reason / wrong, 4) if wrong else None,
            "corpus_correct_variants_pass_rate": round(accepted / correct, 4) if correct else None,
            "gradings": (wrong + correct),
            "corpus_misses": {k: len(v) for k, v in missed.items()},
            "corpus_miss_messages": missed}


def table(report):
    rows = [("", "idle", "busy loop on every core")]
    for key, label in (("plain_solutions_s", "a: solutions as plain scripts (s)"),
                       ("check_solutions_s", "b: make check SRC=solutions (s)"),
                       ("ratio_b_over_a", "b/a"),
                       ("check_03_daemon_s", "make check EX=03_daemon (s)")):
        rows.append((label, str(report["idle"][key]), str(report["loaded"][key])))
    rel = report.get("under_load")
    if rel and rel["solutions_pass_rate"] is not None:
        rows.append(("solutions pass, N=%d" % rel["repetitions"], "",
                     "%.1f %%" % (100 * rel["solutions_pass_rate"])))
    if rel:
        rows.append(("corpus rejected (%d wrong), N=%d" % (rel["corpus_wrong_programs"],
                                                          rel["repetitions"]), "",
                     "%.1f %%" % (100 * rel["corpus_rejection_rate"])))
        rows.append(("  ... by the checks it must fail, saying what they must", "",
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
    parser.add_argument("--reliability-only", action="store_true",
                        help="no timings: only the verdicts under load, the reference solutions "
                             "graded as corpus programs")
    parser.add_argument("--exercise", action="append", default=[], metavar="EX",
                        help="only these exercises' programs, e.g. 05 (default: all)")
    parser.add_argument("--python", action="append", default=[], metavar="KEY",
                        help="grade with this matrix entry of tests/interpreters.py, e.g. 3.13t, "
                             "or 'all' (default: this Python)")
    parser.add_argument("--default-method", action="append", default=[], metavar="M",
                        help="grade with M as the default start method (default: the native one)")
    args = parser.parse_args()
    if args.reliability_only:
        return reliability_only(args)

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
    write(report, args.output)


def reliability_only(args):
    """Only the verdicts under load, for the chosen exercises, interpreters and
    default start methods; the reference solutions are graded as programs of
    the corpus that must pass."""
    sys.path.insert(0, str(ROOT / "tests"))
    import interpreters
    names = [n for n in exercises.names()
             if not args.exercise or any(n.startswith(e) for e in args.exercise)]
    files = [p for n in names for p in sorted((CORPUS / n).glob("*.py"))]
    files += [exercises.load(n).student_file(ROOT / "solutions") for n in names]
    found = interpreters.found()
    keys = list(found) if "all" in args.python else args.python
    missing = [k for k in keys if k not in found]
    if missing:
        sys.exit("bench: not on this machine: %s (found: %s)" % (", ".join(missing), ", ".join(found)))
    combos = [(found[k].path if k else None, m or None)
              for k in (keys or [None]) for m in (args.default_method or [None])]
    report = {"machine": {"cores": os.cpu_count()}, "exercises": names,
              "pythons": [found[k].name for k in keys] or [platform.python_version()],
              "default_methods": args.default_method or ["native"],
              "load": "one `while :; do :; done` shell loop per core"}
    with BusyLoops():
        began = time.monotonic()
        report["under_load"] = reliability(args.reps, args.workers, files, combos, solutions=False)
        report["under_load"]["seconds"] = round(time.monotonic() - began, 1)
    rel = report["under_load"]
    print("%d gradings in %.0f s: correct programs passed %.2f %%, wrong ones rejected by the "
          "checks they must fail, saying what they must, %.2f %%"
          % (rel["gradings"], rel["seconds"], 100 * (rel["corpus_correct_variants_pass_rate"] or 0),
             100 * (rel["corpus_rejected_by_named_checks_rate"] or 0)))
    for key, count in sorted(rel["corpus_misses"].items()):
        print("  missed %dx: %s" % (count, key))
    write(report, args.output)
    return 1 if rel["corpus_misses"] else 0


def write(report, output):
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print("\nwritten to %s" % os.path.relpath(output))


if __name__ == "__main__":
    sys.exit(main())
