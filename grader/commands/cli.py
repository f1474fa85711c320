"""The command line: `python -m grader COMMAND ...`.

`check` lives here; every other command is a module of its own with
`arguments(parser)` and `run(args)` (returning the exit code), imported only
when it is the command given.
"""
import argparse
import importlib
import os
import sys
import uuid
from pathlib import Path

from grader.grading import exercise as exercises
from grader.i18n import t
from grader.report import classroom50
from grader.report.html import html_page
from grader.report.formats import FORMATS, publish_on_github
from grader.grading.grade import grade_all
from grader.report.text import inert, summary_table, text_report

COMMANDS = {  # command: (module in grader/commands/, help)
    "list": ("progress", "your progress: a table of the exercises and what to do next"),
    "hint": ("hints", "the hints of an exercise, one more each time"),
    "watch": ("watch", "grade the current exercise each time its file is saved"),
    "actions": ("actions", "write the GitHub Actions workflow that grades every push"),
    "classroom": ("actions", "the old name of `actions` (GitHub Classroom is retired)"),
    "export": ("export", "write the repository a class starts from (no solutions)"),
    "batch": ("batch", "grade a folder of student submissions into a gradebook"),
    "classroom50": ("classroom50", "write a Classroom 50 assignment: the autograder bundle and "
                    "the students' template repository"),
}


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m grader",
                                     description="Grade concurrency katas by their behaviour.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="grade one exercise, or all of them")
    check.add_argument("exercise", nargs="*", help="e.g. 03_daemon (or 03); all when left out")
    where = check.add_mutually_exclusive_group()
    where.add_argument("--src", default=str(exercises.EXERCISES),
                       help="folder laid out like exercises/ (default: exercises/)")
    where.add_argument("--file", action="append", default=[],
                       help="grade this file as EXERCISE; or EXERCISE=FILE, repeatable")
    check.add_argument("--format", choices=["text"] + sorted(FORMATS), default="text")
    check.add_argument("--python", help="run the programs with this Python (default: this one)")
    check.add_argument("--default-method", choices=["fork", "spawn", "forkserver"],
                       help="start method standing for the platform's default "
                            "(forkserver is Python 3.14's on Linux)")
    check.add_argument("--output", help="write the results here instead of standard output")
    check.add_argument("--html", metavar="FILE",
                       help="also write the report as a page with a picture of each run to FILE "
                            "(`make check HTML=1`: build/report/EXERCISE.html)")
    check.add_argument("--all-or-nothing", action="store_true",
                       help="with --format classroom50: a row per exercise, which earns its "
                            "points only when every check passes (default: a row per check)")
    check.add_argument("--release-body", metavar="FILE",
                       help="with --format classroom50: also write Classroom 50's "
                            "release-body.md (the report a student reads) to FILE")
    given = next((a for a in argv if not a.startswith("-")), None)
    for name, (module, help) in COMMANDS.items():
        command = sub.add_parser(name, help=help)
        if name == given:
            module = importlib.import_module("grader.commands." + module)
            module.arguments(command)
            command.set_defaults(run=module.run)
    return parser, parser.parse_args(argv)


def main(argv=None):
    parser, args = parse(sys.argv[1:] if argv is None else argv)
    if args.command != "check":
        return args.run(args)
    return check(parser, args)


def check(parser, args):
    named = dict(f.partition("=")[::2] for f in args.file if "=" in f)
    plain = [f for f in args.file if "=" not in f]
    chosen = []
    for name in args.exercise or named or exercises.names():
        ex = exercises.find(name)
        if ex is None:
            parser.error(exercises.not_found(name))
        chosen.append(ex)
    if plain and (len(chosen) != 1 or len(plain) != 1 or named):
        parser.error("--file FILE needs one EXERCISE (or give EXERCISE=FILE)")
    if (args.release_body or args.all_or_nothing) and args.format != "classroom50":
        parser.error("--release-body and --all-or-nothing go with --format classroom50")

    def file_of(ex):
        given = plain[0] if plain else next((f for n, f in named.items()
                                             if exercises.find(n) == ex), None)
        return Path(given) if given else ex.student_file(args.src)

    hidden = [ex.name for ex in chosen if not ex.suite.is_dir()]
    if hidden:
        print("The checks of %s are not in this copy (the class keeps them hidden): your work is "
              "graded when you push it. 本副本不含评分测试：推送后自动评分。" % ", ".join(hidden),
              file=sys.stderr)
        return 2

    results = grade_all([(ex, file_of(ex)) for ex in chosen],
                        python=args.python, default_method=args.default_method)
    if args.format == "text" and not args.output:
        # On GitHub Actions the report quotes what the student's program printed:
        # no line of it may act as a workflow command.
        token = uuid.uuid4().hex if os.environ.get("GITHUB_ACTIONS") == "true" else None
        if token:
            print("::stop-commands::%s" % token)
        for result in results:
            print(inert(text_report(result)), flush=True)
        if len(results) > 1:
            print(inert(summary_table(results)))
        if token:
            print("::%s::" % token, flush=True)

    if args.format != "text" or args.output:
        if args.format == "classroom50":
            text = classroom50.result_json(results, per_check=not args.all_or_nothing)
        else:
            text = FORMATS[args.format](results) if args.format != "text" else "\n".join(
                [text_report(r) for r in results] + ([summary_table(results)] if len(results) > 1 else []))
        if args.output:  # a text report may be shown in a log later: made inert as well
            try:
                write_result(Path(args.output), (inert(text) if args.format == "text" else text)
                             + "\n")
            except OSError as e:
                print("python -m grader check: error: cannot write the results to %s (%s); no "
                      "result was written" % (args.output, e.strerror or e), file=sys.stderr)
                return 2
        else:
            print(inert(text))
    if args.release_body:
        try:
            write_result(Path(args.release_body),
                         classroom50.release_body(
                             results, per_check=not args.all_or_nothing,
                             page=os.path.basename(args.html) if args.html else None))
        except OSError as e:
            print("python -m grader check: error: cannot write the release body to %s (%s)"
                  % (args.release_body, e.strerror or e), file=sys.stderr)
            return 2
    to_stdout = args.format != "text" and not args.output
    if args.html:
        try:
            Path(args.html).parent.mkdir(parents=True, exist_ok=True)
            write_result(Path(args.html), html_page(results))
        except OSError as e:
            print("python -m grader check: error: cannot write the page to %s (%s)"
                  % (args.html, e.strerror or e), file=sys.stderr)
            return 2
        print(t("picture_at", path=os.path.relpath(args.html)),
              file=sys.stderr if to_stdout else sys.stdout)
    publish_on_github(results, out=lambda line: print(line, file=sys.stderr if to_stdout
                                                      else sys.stdout))
    return 0 if all(r.passed for r in results) else 1


def write_result(path, text):
    """Write TEXT to PATH through a file made fresh beside it, then put in
    PATH's place at once: whatever the student's program left at PATH (a forged
    result made read-only, a FIFO that would block the write, a link) is
    replaced, never written through; a folder there is an error (os.replace
    will not put a file in a folder's place)."""
    scratch = path.with_name(".%s.%s.tmp" % (path.name, uuid.uuid4().hex))
    fd = os.open(str(scratch), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)  # EXCL: no link followed
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(str(scratch), str(path))
    except BaseException:
        try:
            os.unlink(str(scratch))
        except OSError:
            pass
        raise
