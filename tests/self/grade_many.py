"""`python tests/self/grade_many.py EXERCISE OUTDIR JOBS PYTHON METHOD FILE...`:
grade every FILE as EXERCISE in one grading session, at most JOBS runs at
once, the programs run by PYTHON with METHOD as the default start method (each
'-' for the grader's own), and write OUTDIR/<n>.json (Exercism's results, as
`check --format json` writes them) and OUTDIR/<n>.code (the exit code `check`
would give) for the n-th FILE, and OUTDIR/<n>.stacks (the stack dumps of its
runs that were stopped, as the processes wrote them) if there are any."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from grader.grading import exercise as exercises  # noqa: E402
from grader.report.formats import exercism  # noqa: E402
from grader.grading.grade import grade_all  # noqa: E402


def main(name, outdir, jobs, python, method, *files):
    ex = exercises.load(name)
    results = grade_all([(ex, Path(f)) for f in files], jobs=int(jobs),
                        python=None if python == "-" else python,
                        default_method=None if method == "-" else method)
    write_results(results, Path(outdir))


def write_results(results, outdir):
    for n, result in enumerate(results):
        (outdir / ("%d.json" % n)).write_text(exercism([result]), encoding="utf-8")
        (outdir / ("%d.code" % n)).write_text("0" if result.passed else "1")
        dumps = ["under %s, pid %d:\n%s" % (method, pid, text)
                 for method, run in sorted(result.runs.items())
                 for pid, text in sorted(run.stacks.items())]
        if dumps:  # the raw stacks of a run that hung, for a verdict that went wrong
            (outdir / ("%d.stacks" % n)).write_text("\n\n".join(dumps), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
