"""`python -m grader actions` (old name: `classroom`): the GitHub Actions
workflow that grades a repository on every push, with no classroom service
behind it.

It writes .github/workflows/grade.yml, generated from the exercises'
metadata.  The workflow grades every push with a PINNED copy of the grader and
its hidden tests, checked out into .grader/ from a repository and ref named
here and stripped of everything grading does not need (solutions above all:
the student's program runs on the same machine); the student's repository
contributes only exercises/.  One job: the grader writes the checks table to
the job summary and an error annotation per failed check, and its exit code
makes the job red unless every check passed.  The YAML is written as plain
text (no YAML library needed).
"""
import json
import math
import re
import shlex
import subprocess
import sys
from pathlib import Path

from grader.grading import exercise as exercises
from grader.grading.grade import session_timeout

DEFAULT_OUTPUT = exercises.ROOT / ".github" / "workflows" / "grade.yml"
GRADER_DIR = ".grader"  # where the pinned copy goes, inside the job's workspace
PYTHON = "3.14"  # the default; --python chooses
CHECKOUT = "actions/checkout@v7"  # the current major versions (checked in 2026)
SETUP_PYTHON = "actions/setup-python@v7"
UPLOAD_ARTIFACT = "actions/upload-artifact@v7"
PAGE = "build/report/grading.html"  # the report page, in the pinned copy the program cannot write
INSTALL_MINUTES = 10  # making the venv and installing the grader's packages
PYTHON_VERSION = re.compile(r"^(3\.\d{1,2}(\.\d{1,2})?t?|3\.x)$")
KEPT = ["grader", "exercises", "tests", "Makefile", "pyproject.toml", "README.md"]
PRUNE = [  # shell lines that leave in .grader/ only KEPT, and of tests/ only katas/
    "cd %s" % GRADER_DIR,
    "find . -mindepth 1 -maxdepth 1 %s -exec rm -rf {} +"
    % " ".join("! -name %s" % name for name in KEPT),
    "find tests -mindepth 1 -maxdepth 1 ! -name katas -exec rm -rf {} +",
]
SAFE_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
GITHUB = re.compile(r"^(?:https?://github\.com/|git@github\.com:|ssh://git@github\.com/)?"
                    r"([A-Za-z0-9][A-Za-z0-9_.-]*)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$")
NO_SOURCE = ("name the repository the workflow fetches the grader and its tests from: "
             "--source OWNER/REPO (or a git URL) and --ref TAG_OR_COMMIT")


class SourceError(Exception):
    """The pinned source cannot be used; the message is for the user."""


class Source:
    """Where the workflow fetches the pinned grader: a GitHub repository
    (owner/name) or any other git URL, at a ref (commit, tag or branch)."""

    def __init__(self, where, ref, github):
        self.where, self.ref, self.github = where, ref, github

    def __str__(self):
        return "%s at %s" % (self.where, self.ref)


def _git(*args):
    try:
        done = subprocess.run(["git", "-C", str(exercises.ROOT)] + list(args),
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def resolve_source(source=None, ref=None):
    """A Source from --source and --ref.  Without --source: this project's own
    `origin` (the template repository itself) at its current commit."""
    if source is None:
        source = _git("remote", "get-url", "origin")
        if source is None:
            raise SourceError("this project has no git remote 'origin' to fetch the grader "
                              "from; " + NO_SOURCE)
        ref = ref or _git("rev-parse", "HEAD")
    ref = ref or "main"
    if not SAFE_REF.match(ref) or ".." in ref:
        raise SourceError("--ref %r is not a commit, tag or branch name" % ref)
    github = GITHUB.match(source)
    if github:
        return Source("%s/%s" % github.groups(), ref, True)
    if re.match(r"^(https?|ssh|git)://\S+$|^[\w.-]+@[\w.-]+:\S+$", source) and "'" not in source:
        return Source(source, ref, False)
    raise SourceError("%r is not a repository GitHub Actions can fetch; %s" % (source, NO_SOURCE))


def _q(text):
    """A YAML double-quoted scalar (JSON strings are valid ones)."""
    return json.dumps(str(text), ensure_ascii=False)


def _fetch_steps(source):
    """Steps that put the pinned grader into .grader/ (never the student's copy)."""
    if source.github:
        return [
            "    - name: Check out the pinned grader and its tests",
            "      uses: %s" % CHECKOUT,
            "      with:",
            "        repository: %s" % _q(source.where),
            "        ref: %s" % _q(source.ref),
            "        path: %s" % GRADER_DIR,
            "        # A fine-grained token with read access when the source is private;",
            "        # the job's own token otherwise.",
            "        token: ${{ secrets.GRADER_TOKEN || github.token }}",
            "        # The student's program runs in this job: leave no token on disk.",
            "        persist-credentials: false",
        ]
    script = ["rm -rf %s && git init -q %s" % (GRADER_DIR, GRADER_DIR),
              "git -C %s fetch -q --depth 1 %s %s" % (GRADER_DIR, shlex.quote(source.where),
                                                      shlex.quote(source.ref)),
              "git -C %s checkout -q FETCH_HEAD" % GRADER_DIR]
    return ["    - name: Fetch the pinned grader and its tests",
            "      run: |"] + ["        " + line for line in script]


def timeout_minutes(chosen):
    """Minutes for the grading step: the grading session's own limit (for the
    longest deadline of CHOSEN) rounded up, plus one."""
    longest = max(ex.deadline for ex in chosen)
    return max(2, math.ceil(session_timeout(longest) / 60) + 1)


def grading_script(chosen):
    """The grading step's shell script.  It must work with nothing but PATH and
    HOME in the environment, run from the workspace (the student's checkout):
    the pinned copy's own venv grades the student's exercises/ (an absolute
    --src made by the shell) in an environment of PATH, HOME and what the job
    summary and the annotations need -- never $GITHUB_OUTPUT, $GITHUB_ENV,
    $GITHUB_PATH or a token.  The step's exit code is the grader's: 0 exactly
    when every check passed."""
    return "\n".join([
        'src="$(pwd)/exercises"',
        'cd %s' % GRADER_DIR,
        'exec env -i PATH="$PATH" HOME="$HOME" GITHUB_ACTIONS="${GITHUB_ACTIONS:-}" '
        'GITHUB_STEP_SUMMARY="${GITHUB_STEP_SUMMARY:-}" GITHUB_WORKSPACE="${GITHUB_WORKSPACE:-}" '
        '.venv/bin/python -m grader check %s --src "$src" --html %s'
        % (" ".join(ex.name for ex in chosen), PAGE),
    ])


def workflow(source, python=PYTHON, names=None):
    """The text of grade.yml grading NAMES (default: every exercise) with the
    pinned SOURCE on Python PYTHON."""
    chosen = [exercises.load(n) for n in (names or exercises.names())]
    minutes = timeout_minutes(chosen)
    lines = [
        "# Grading on GitHub Actions, written by `python -m grader actions`.",
        "# Every push is graded by a pinned copy of the grader and its tests",
        "# (%s), checked out into %s/; the grader/ and tests/ of this" % (source, GRADER_DIR),
        "# repository are never used: only exercises/ is read from it.",
        "# The job is red unless every check passed; its summary has the checks",
        "# table, and each failed check is an error annotation on the student's file.",
        "name: Grading",
        "'on': [push, workflow_dispatch]",
        "permissions:",
        "  contents: read",
        "jobs:",
        "  grade:",
        "    runs-on: ubuntu-latest",
        "    timeout-minutes: %d" % (minutes + INSTALL_MINUTES + 5),  # + checkouts, set-up
        "    steps:",
        "    - name: Check out the student's work",
        "      uses: %s" % CHECKOUT,
        "      with:",
        "        # The student's program runs in this job: leave no token on disk.",
        "        persist-credentials: false",
        "    - name: Make room for the pinned grader",
        "      run: rm -rf %s" % GRADER_DIR,
    ] + _fetch_steps(source) + [
        "    - name: Set up Python",
        "      uses: %s" % SETUP_PYTHON,
        "      with:",
        "        python-version: %s" % _q(python),
        "    - name: Keep only what grading needs of the pinned copy",
        "      # The student's program runs on this machine: no solutions, no correct",
        "      # programs of the corpus must be left where it could read them.",
        "      run: |",
    ] + ["        " + line for line in PRUNE] + [
        "    - name: Install the grader",
        "      timeout-minutes: %d" % INSTALL_MINUTES,
        "      run: make -C %s .venv/.installed" % GRADER_DIR,
        "    - name: %s" % _q("Grade " + ", ".join(ex.name for ex in chosen)),
        "      id: grade",
        "      timeout-minutes: %d" % minutes,
        "      run: |",
    ] + ["        " + line for line in grading_script(chosen).splitlines()] + [
        "    - name: Keep the report page with a picture of each run",
        "      id: page",
        "      if: ${{ !cancelled() }}",
        "      uses: %s" % UPLOAD_ARTIFACT,
        "      with:",
        "        name: grading-report",
        "        path: %s/%s" % (GRADER_DIR, PAGE),
        "        if-no-files-found: ignore",
        "    - name: Link the page from the job summary",
        "      if: ${{ !cancelled() && steps.page.outputs.artifact-url != '' }}",
        "      env:",
        "        PAGE_URL: ${{ steps.page.outputs.artifact-url }}",
        "      run: >-",
        "        echo \"A picture of each run, in a page: [grading-report]($PAGE_URL)",
        "        (download it, unzip it and open grading.html in a browser)\"",
        "        >> \"$GITHUB_STEP_SUMMARY\"",
    ]
    return "\n".join(lines) + "\n"


def workflow_arguments(parser):
    """--source, --ref and --python, shared with `export`."""
    parser.add_argument("--source", help="the repository holding the grader and its tests that "
                        "the workflow checks out: OWNER/REPO or a git URL (default: this "
                        "project's git remote 'origin')")
    parser.add_argument("--ref", help="the commit, tag or branch of --source to grade with "
                        "(default: this project's current commit with the default --source, "
                        "else main)")
    parser.add_argument("--python", default=PYTHON, dest="python_version",
                        help="the Python version the job grades with, as actions/setup-python "
                        "takes it (default %s)" % PYTHON)


def check_python(version):
    """None, or why VERSION is no Python version the workflow may name."""
    if not PYTHON_VERSION.match(version):
        return "--python %r is not a Python version such as 3.14, 3.13t or 3.12.4" % version
    minor = re.match(r"3\.(\d+)", version)
    if minor and version != "3.x" and int(minor.group(1)) < 9:
        return "--python %s is older than the grader's oldest Python, 3.9" % version
    return None


def arguments(parser):
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT),
                        help="where to write the workflow ('-' for standard output; "
                        "default: .github/workflows/grade.yml)")
    parser.add_argument("--exercise", action="append", default=[],
                        help="grade only this exercise (repeatable; default: all)")
    workflow_arguments(parser)


def run(args):
    try:
        source = resolve_source(args.source, args.ref)
    except SourceError as error:
        print("actions: %s" % error, file=sys.stderr)
        return 2
    wrong = check_python(args.python_version)
    if wrong:
        print("actions: %s" % wrong, file=sys.stderr)
        return 2
    names = []
    for name in args.exercise:
        ex = exercises.find(name)
        if ex is None:
            print("actions: %s" % exercises.not_found(name), file=sys.stderr)
            return 2
        names.append(ex.name)
    text = workflow(source, args.python_version, list(dict.fromkeys(names)) or None)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        print("actions: cannot write %s: %s" % (args.output, error.strerror or error),
              file=sys.stderr)
        return 2
    print("Wrote %s: each push is graded with %s on Python %s. Commit it; the README's "
          "\"For instructors\" says how to set up the assignment."
          % (out, source, args.python_version))
    return 0
