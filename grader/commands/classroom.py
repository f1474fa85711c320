"""`python -m grader classroom`: the GitHub Classroom workflow of an assignment.

It writes .github/workflows/classroom.yml, generated from the exercises'
metadata.  The workflow grades every push with a PINNED copy of the grader and
its hidden tests, checked out into .grader/ from a repository and ref named
here and stripped of everything grading does not need (solutions above all:
the student's program runs on the same machine); the student's repository
contributes only exercises/.  Two modes:

- default: one `autograding-command-grader` step per exercise, all or nothing
  (exit code 0 earns the exercise's points);
- --per-check: one `run:` step per exercise that grades with
  `--format classroom`, so each check earns its own points.

Both end with the `autograding-grading-reporter` step that sends the score to
Classroom.  The YAML is written as plain text (no YAML library needed).
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

DEFAULT_OUTPUT = exercises.ROOT / ".github" / "workflows" / "classroom.yml"
GRADER_DIR = ".grader"  # where the pinned copy goes, inside the job's workspace
PYTHON = "3.11"
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


def step_ids(names):
    """A plain alphanumeric step id for each exercise ('04_threads' -> 'ex04threads'):
    the reporter accepts nothing else in its runners list."""
    ids = []
    for name in names:
        base = "ex" + re.sub(r"[^A-Za-z0-9]", "", name)
        candidate, n = base, 2
        while candidate in ids:
            candidate, n = "%s%d" % (base, n), n + 1
        ids.append(candidate)
    return ids


def timeout_minutes(ex):
    """Minutes for one exercise's step: the grading session's own limit
    rounded up, plus one."""
    return max(2, math.ceil(session_timeout(ex.deadline) / 60) + 1)


def grading_command(ex):
    """The shell command that grades EX with the pinned copy.  It must work with
    nothing but PATH and HOME in the environment (the command grader's), run
    from the workspace: hence `make -C` and an absolute SRC made by the shell."""
    return 'make -C %s check EX=%s SRC="$(pwd)/exercises"' % (GRADER_DIR, ex.name)


def per_check_script(ex, step_id):
    """The `run:` script of a per-check step: grade with the classroom format in
    a bare environment like the command grader's (the student's program must not
    see $GITHUB_OUTPUT or $GITHUB_ENV; the step summary and annotations are
    harmless and kept), then hand the reporter that JSON
    (base64) through $GITHUB_OUTPUT.  A grader that did not finish by itself
    (exit code above 1, for example killed by the student's program after it
    wrote a forged file) or wrote nothing gives an error result instead."""
    broken = json.dumps({"version": 1, "status": "error", "max_score": ex.points, "tests": [{
        "name": ex.name, "status": "error", "score": 0,
        "message": "The grader did not finish; see the log of step %s." % step_id,
        "test_code": "", "filename": "", "line_no": 0, "duration": 0}]})
    return "\n".join([
        'out="$RUNNER_TEMP/%s.json"; src="$(pwd)/exercises"; code=0' % step_id,
        'rm -f "$out"',
        '(cd %s && exec env -i PATH="$PATH" HOME="$HOME" GITHUB_ACTIONS="$GITHUB_ACTIONS" '
        'GITHUB_STEP_SUMMARY="$GITHUB_STEP_SUMMARY" .venv/bin/python -m grader check %s '
        '--src "$src" --format classroom --output "$out") || code=$?' % (GRADER_DIR, ex.name),
        'if [ "$code" -gt 1 ] || [ ! -s "$out" ]; then',
        '  echo %s > "$out"' % shlex.quote(broken),
        "fi",
        'echo "result=$(base64 -w0 "$out")" >> "$GITHUB_OUTPUT"',
    ])


def _q(text):
    """A YAML double-quoted scalar (JSON strings are valid ones)."""
    return json.dumps(str(text), ensure_ascii=False)


def _fetch_steps(source):
    """Steps that put the pinned grader into .grader/ (never the student's copy)."""
    if source.github:
        return [
            "    - name: Check out the pinned grader and its tests",
            "      uses: actions/checkout@v4",
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


def workflow(source, per_check=False):
    """The text of classroom.yml for every exercise, grading with the pinned SOURCE."""
    chosen = [exercises.load(n) for n in exercises.names()]
    ids = step_ids([ex.name for ex in chosen])
    mode = ("per check: each check earns its own points" if per_check
            else "all or nothing per exercise")
    lines = [
        "# GitHub Classroom autograding, written by `python -m grader classroom`",
        "# (%s)." % mode,
        "# Every push is graded by a pinned copy of the grader and its tests",
        "# (%s), checked out into %s/; the grader/ and tests/ of this" % (source, GRADER_DIR),
        "# repository are never used: only exercises/ is read from it.",
        "name: Autograding Tests",
        "'on': [push, workflow_dispatch]",
        "permissions:",
        "  checks: write",
        "  actions: read",
        "  contents: read",
        "jobs:",
        "  run-autograding-tests:",
        "    runs-on: ubuntu-latest",
        "    if: github.actor != 'github-classroom[bot]'",
        "    steps:",
        "    - name: Check out the student's work",
        "      uses: actions/checkout@v4",
        "      with:",
        "        # The student's program runs in this job: leave no token on disk.",
        "        persist-credentials: false",
        "    - name: Make room for the pinned grader",
        "      run: rm -rf %s" % GRADER_DIR,
    ] + _fetch_steps(source) + [
        "    - name: Set up Python",
        "      uses: actions/setup-python@v5",
        "      with:",
        "        python-version: %s" % _q(PYTHON),
        "    - name: Keep only what grading needs of the pinned copy",
        "      # The student's program runs on this machine: no solutions, no correct",
        "      # programs of the corpus must be left where it could read them.",
        "      run: |",
    ] + ["        " + line for line in PRUNE] + [
        "    - name: Install the grader",
        "      run: make -C %s .venv/.installed" % GRADER_DIR,
    ]
    for ex, step in zip(chosen, ids):
        name = "%s: %s" % (ex.name, ex.title)
        lines += ["    - name: %s" % _q(name), "      id: %s" % step]
        if per_check:
            lines += ["      timeout-minutes: %d" % timeout_minutes(ex), "      run: |"]
            lines += ["        " + l for l in per_check_script(ex, step).splitlines()]
        else:
            lines += [
                "      uses: classroom-resources/autograding-command-grader@v1",
                "      with:",
                "        test-name: %s" % _q(name),
                "        setup-command: \"\"",
                "        command: %s" % _q(grading_command(ex)),
                "        timeout: %d" % timeout_minutes(ex),
                "        max-score: %d" % ex.points,
            ]
    lines += [
        "    - name: Autograding Reporter",
        "      uses: classroom-resources/autograding-grading-reporter@v1",
        "      env:",
    ] + ["        %s_RESULTS: \"${{ steps.%s.outputs.result }}\"" % (step.upper(), step)
         for step in ids] + [
        "      with:",
        "        runners: %s" % ",".join(ids),
    ]
    return "\n".join(lines) + "\n"


def workflow_arguments(parser):
    """--source, --ref and --per-check, shared with `export`."""
    parser.add_argument("--source", help="the repository holding the grader and its tests that "
                        "the workflow checks out: OWNER/REPO or a git URL (default: this "
                        "project's git remote 'origin')")
    parser.add_argument("--ref", help="the commit, tag or branch of --source to grade with "
                        "(default: this project's current commit with the default --source, "
                        "else main)")
    parser.add_argument("--per-check", action="store_true",
                        help="partial credit: each check earns its points (default: an "
                        "exercise earns its points only when every check passes)")


def arguments(parser):
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT),
                        help="where to write the workflow ('-' for standard output; "
                        "default: .github/workflows/classroom.yml)")
    workflow_arguments(parser)


def run(args):
    try:
        source = resolve_source(args.source, args.ref)
    except SourceError as error:
        print("classroom: %s" % error, file=sys.stderr)
        return 2
    text = workflow(source, per_check=args.per_check)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        out = Path(args.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        print("classroom: cannot write %s: %s" % (args.output, error.strerror or error),
              file=sys.stderr)
        return 2
    print("Wrote %s: each push is graded with %s. Commit it; the README's "
          "\"For instructors\" says how to set up the assignment." % (out, source))
    return 0
