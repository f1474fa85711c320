"""`python -m grader export DIR`: the repository a class starts from.

DIR gets the stubs (exercises/), the grader, the hidden suites (tests/katas/,
left out with --hidden-tests), the Makefile and pyproject.toml, a README for
students, INSTRUCTORS.md and the GitHub Actions workflow that grades every
push (actions.py) -- and nothing of solutions/, the project's own tests or
tools/.
"""
import re
import shutil
import sys
from pathlib import Path

from grader.commands import actions
from grader.grading import exercise as exercises

ROOT = exercises.ROOT
COPIED = ["exercises", "grader", "Makefile", "pyproject.toml", ".gitignore"]
SUITES = "tests/katas"
WORKFLOW = ".github/workflows/grade.yml"
SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")


def arguments(parser):
    parser.add_argument("dir", metavar="DIR", help="an empty or new folder")
    parser.add_argument("--hidden-tests", action="store_true",
                        help="leave tests/katas/ out: the workflow fetches them from the private "
                        "--source (needs the secret GRADER_TOKEN)")
    actions.workflow_arguments(parser)


def run(args):
    dest = Path(args.dir)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        print("export: %s is not an empty folder; give a new or empty one." % dest,
              file=sys.stderr)
        return 2
    try:
        source = actions.resolve_source(args.source, args.ref)
    except actions.SourceError as error:
        print("export: %s" % error, file=sys.stderr)
        return 2
    wrong = actions.check_python(args.python_version)
    if wrong:
        print("export: %s" % wrong, file=sys.stderr)
        return 2
    try:
        export(dest, source, hidden=args.hidden_tests, python=args.python_version)
    except OSError as error:
        print("export: cannot write %s: %s" % (error.filename or dest, error.strerror or error),
              file=sys.stderr)
        return 2
    print("Wrote the class's starting repository to %s (%s tests, graded on Python %s). "
          "Next steps are in %s." % (dest, "hidden" if args.hidden_tests else "public",
                                     args.python_version, dest / "INSTRUCTORS.md"))
    return 0


def export(dest, source, hidden=False, python=actions.PYTHON):
    """Write the repository into DEST (new or empty)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in COPIED + ([] if hidden else [SUITES]):
        if (ROOT / part).is_dir():
            shutil.copytree(str(ROOT / part), str(dest / part), ignore=SKIPPED)
        else:
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(str(ROOT / part), str(dest / part))
    (dest / "Makefile").write_text(students_makefile((ROOT / "Makefile").read_text()),
                                   encoding="utf-8")
    with open(dest / ".gitignore", "a", encoding="utf-8") as f:
        f.write(".grader/\n")  # where the workflow puts the pinned grader
    workflow = dest / WORKFLOW
    workflow.parent.mkdir(parents=True)
    workflow.write_text(actions.workflow(source, python), encoding="utf-8")
    (dest / "README.md").write_text(student_readme(hidden), encoding="utf-8")
    (dest / "INSTRUCTORS.md").write_text(instructors(source, hidden, python),
                                         encoding="utf-8")


PROJECT_TARGETS = ("test", "test-matrix", "bench")  # need tests/self, tests/matrix, tools/


def students_makefile(text):
    """The Makefile without the project's own targets, which need files an export
    leaves out: their blocks (comments above a target belong to it), their lines
    in the header with those lines' continuations, and the variables only they use."""
    def target(block):
        code = [line for line in block.splitlines() if not line.startswith("#")]
        return code[0].split(":")[0] if code and ":" in code[0] else None

    kept = [b for b in text.split("\n\n") if target(b) not in PROJECT_TARGETS]
    lines, dropping = [], False
    for line in "\n\n".join(kept).splitlines():
        if re.match(r"#\s+make (test|test-matrix|bench)\b", line):
            dropping = True
        elif not (dropping and re.match(r"#\s{20,}\S", line)):
            dropping = False
            lines.append(line)
    used = set(re.findall(r"\$\((\w+)\)", "\n".join(lines)))  # variables only they used go too
    defined = [re.match(r"(\w+)\s*[?:]?=", line) for line in lines]
    out = "\n".join(line for line, d in zip(lines, defined) if not d or d.group(1) in used) + "\n"
    return re.sub(r"(\.PHONY:.*)", lambda m: " ".join(
        w for w in m.group(1).split() if w not in PROJECT_TARGETS), out)


def exercise_table():
    """The lines of a Markdown table of the exercises, for students' READMEs."""
    rows = ["| exercise 练习 | file 文件 | title | 标题 | points 分数 |",
            "| --- | --- | --- | --- | --- |"]
    for name in exercises.names():
        ex = exercises.load(name)
        rows.append("| `%s` | `exercises/%s/%s` | %s | %s | %d |"
                    % (name, name, ex.file, ex.title, ex.title_zh, ex.points))
    return rows


def student_readme(hidden):
    """README.md of the export: for students, English and 简体中文 side by side."""
    first = exercises.names()[0]
    rows = exercise_table()
    if hidden:
        local = ("**The tests are not in this repository, so `make check` and `make watch` "
                 "cannot grade here: push your work and read the report under Actions → "
                 "Grading.**\n"
                 "**测试不在本仓库中，`make check` 和 `make watch` 无法在本地评分："
                 "请推送代码，在 Actions → Grading 中查看报告。**")
    else:
        local = ("`make check` grades on your computer exactly as GitHub does after a push.\n"
                 "`make check` 在你的电脑上评分，与推送后 GitHub 的评分完全相同。")
    return "\n".join([
        "# Python concurrency katas · Python 并发练习",
        "",
        "Finish one small program per concept: processes, process ids, daemons, threads and "
        "locks. The grader runs your program and checks what it really did (which process or "
        "thread printed each line and when), and explains any mistake with a timeline of your "
        "run.",
        "",
        "每个练习补全一个小程序：进程、进程号、守护进程、线程和锁。评分器运行你的程序，检查它"
        "真正做了什么（哪个进程或线程在什么时候打印了哪一行），并用你的运行时间线解释错误。",
        "",
        "You need Python 3.9+ and `make`; the first command creates `.venv/` and installs what "
        "the grader needs. · 需要 Python 3.9+ 和 `make`；第一次运行会创建 `.venv/` 并安装评分器。",
        "",
        "| command 命令 | what it does | 作用 |",
        "| --- | --- | --- |",
        "| `make check EX=%s` | grade one exercise (leave `EX=` out to grade all) "
        "| 评测一个练习（省略 `EX=` 则评测全部） |" % first,
        "| `make list` | your progress and what to do next | 你的进度和下一步 |",
        "| `make hint EX=%s` | one more hint each time | 每次多给一条提示 |" % first,
        "| `make watch EX=%s` | grade again each time you save the file "
        "| 每次保存文件时重新评测 |" % first,
        "",
        local,
        "",
        "Read `exercises/NN_name/README.md`, fill in the file, %spush. "
        "Every push is graded (Actions → Grading): the run is green when every check passed, "
        "its summary lists the checks, and each failed check is marked on your file."
        % ("" if hidden else "run `make check`, "),
        "阅读 `exercises/NN_name/README.md`，补全文件，%s推送。"
        "每次推送都会评分（Actions → Grading）：所有检查都通过时运行显示为绿色，运行摘要列出每项"
        "检查，每个失败的检查都会标注在你的文件上。"
        % ("" if hidden else "运行 `make check`，然后"),
        "",
    ] + rows + [""])


def instructors(source, hidden, python):
    """INSTRUCTORS.md of the export: how to grade the students' repositories
    with GitHub Actions alone."""
    steps = [
        "# For instructors",
        "",
        "This repository was written by `python -m grader export` from the concurrency "
        "katas project. It holds the stubs, the grader%s, and a GitHub Actions workflow "
        "(`%s`) that grades every push; the reference solutions are not in it. (GitHub "
        "Classroom, which this project once wrote a workflow for, was retired on 28 August "
        "2026. For a classroom service that records scores, see Classroom 50 in the project's "
        "README: `python -m grader classroom50`.)" % ("" if hidden else " and its tests", WORKFLOW),
        "",
        "The workflow grades every push with a **pinned copy** of the grader and its tests, "
        "`%s` at `%s`, checked out into `.grader/`, on Python %s; only the student's "
        "`exercises/` is read from the student's repository, so editing `grader/` or `tests/` "
        "there changes no score. The job is red unless every check passed; its summary shows "
        "a table of the checks with their points, and each failed check is an error annotation "
        "on the student's file." % (source.where, source.ref, python),
        "",
        "## Set-up",
        "",
    ]
    n = 1
    if hidden:
        steps += [
            "%d. Keep a **private** repository holding the whole concurrency katas project "
            "(with its tests) at `%s`, with `%s` pushed to it." % (n, source.where, source.ref),
            "%d. Create a fine-grained personal access token with read-only access "
            "(*Contents: read*) to that repository, and add it to the students' organization "
            "as the Actions secret `GRADER_TOKEN` (available to the students' private "
            "repositories)." % (n + 1),
        ]
        n += 2
    else:
        steps += [
            "%d. Make sure `%s` is reachable by the workflow at `%s` (a public repository, or a "
            "private one with a read-only token as the organization secret `GRADER_TOKEN`)."
            % (n, source.where, source.ref),
        ]
        n += 1
    steps += [
        "%d. Push this folder to a new repository in your organization and mark it as a "
        "**template repository** (Settings → Template repository)." % n,
        "%d. Give each student a repository made from the template (for example "
        "`gh repo create ORG/katas-STUDENT --private --template ORG/THIS_REPO`, then add the "
        "student as a collaborator)." % (n + 1),
        "%d. Push a solved exercise to one of them yourself and look at the run under "
        "Actions → Grading." % (n + 2),
        "",
        "**What a green run proves.** The workflow file lives in the student's repository, and "
        "nothing stops a student from editing it: a run's colour is feedback for the student, "
        "not a grade you can rely on. For marks, clone the repositories at the deadline and "
        "grade them with your own copy: `python -m grader batch` (the project's README), which "
        "reads only each student's `exercises/`.",
        "",
        "The students' repositories keep the workflow they started with. When `%s` is a "
        "branch, what is pushed to it grades from then on; a tag or a commit freezes the "
        "grader. For another version, run `python -m grader actions --source %s --ref NEW_REF "
        "--python %s --output %s` in the project." % (source.ref, source.where, python, WORKFLOW),
    ]
    if hidden:
        steps += [
            "",
            "## Hidden tests",
            "",
            "This export has no `tests/katas/`, so `make check` cannot grade on a student's "
            "computer (its README says so); students push and read the report under Actions. "
            "The tests stay out of the students' repositories, but the grading job checks them "
            "out on the same runner that runs the student's program: treat them as "
            "unpublished, not as secret from a student who goes looking for them.",
        ]
    return "\n".join(steps) + "\n"
