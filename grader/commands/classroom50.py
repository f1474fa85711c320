"""`python -m grader classroom50 BUNDLE_DIR`: a Classroom 50 assignment.

BUNDLE_DIR gets what goes into the classroom50 repository as
CLASSROOM/autograders/SLUG/: autograder.py (c50_autograder.py, standard
library only), config.json (the exercises, the scoring, the time limit, the
language), requirements.txt (the grader's packages) and project/, the pinned
grader with the hidden suites and the exercises' metadata -- pruned as
`export` prunes (no solutions/, no corpus, no tools/).  The students'
template repository (stubs, a README, no workflow: Classroom 50 writes its
own) goes to --template, and the `gh teacher` commands that create the
assignment are printed.
"""
import json
import re
import shutil
import sys
from pathlib import Path

from grader.commands import export
from grader.grading import exercise as exercises

ROOT = exercises.ROOT
AUTOGRADER = Path(__file__).with_name("c50_autograder.py")
PROJECT = ["grader", "exercises", "tests/katas", "pyproject.toml"]
TIME_LIMIT = 600  # s for installing and grading: the runner's job stops after 15 minutes
MOST_TIME = 780  # s: the job's 15 minutes also set up the runner and publish the Release
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,38}$")  # Classroom 50's rule for slugs


def arguments(parser):
    parser.add_argument("dir", metavar="BUNDLE_DIR", help="a new or empty folder for the bundle")
    parser.add_argument("--exercise", action="append", default=[],
                        help="grade only this exercise (repeatable; default: all)")
    parser.add_argument("--per-check", action="store_true",
                        help="partial credit: each check earns its points (default: an "
                             "exercise earns its points only when every check passes)")
    parser.add_argument("--template", help="folder for the students' template repository "
                        "(default: BUNDLE_DIR-template)")
    parser.add_argument("--org", default="ORG", help="the organisation, for the printed commands")
    parser.add_argument("--classroom", default="CLASSROOM", help="the classroom's short name")
    parser.add_argument("--slug", default="concurrency-katas", help="the assignment's slug")
    parser.add_argument("--lang", choices=["en", "zh"], default="en",
                        help="the report's language when the runner sets no GRADER_LANG")
    parser.add_argument("--time-limit", type=int, default=TIME_LIMIT,
                        help="seconds the autograder may take in all (default %d)" % TIME_LIMIT)


def _empty(folder):
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


def run(args):
    chosen = []
    for name in args.exercise or exercises.names():
        ex = exercises.find(name)
        if ex is None:
            print("classroom50: %s" % exercises.not_found(name), file=sys.stderr)
            return 2
        chosen.append(ex.name)
    bundle = Path(args.dir)
    template = Path(args.template or str(bundle).rstrip("/") + "-template")
    for folder in (bundle, template):
        if not _empty(folder):
            print("classroom50: %s is not an empty folder; give a new or empty one." % folder,
                  file=sys.stderr)
            return 2
    if not SLUG.match(args.slug) or not SLUG.match(args.classroom.lower()):
        print("classroom50: --slug and --classroom take 2-39 lowercase letters, digits and "
              "hyphens, starting with a letter or digit", file=sys.stderr)
        return 2
    if not 60 <= args.time_limit <= MOST_TIME:
        print("classroom50: --time-limit takes 60 to %d seconds: Classroom 50's grading job "
              "stops after 15 minutes, which also set up the runner and publish the Release"
              % MOST_TIME, file=sys.stderr)
        return 2
    try:
        write_bundle(bundle, list(dict.fromkeys(chosen)), args.per_check, args.lang,
                     args.time_limit)
        write_template(template)
    except OSError as error:
        print("classroom50: cannot write %s: %s" % (error.filename or bundle,
                                                    error.strerror or error), file=sys.stderr)
        return 2
    print("Wrote the autograder bundle to %s and the students' template repository to %s."
          % (bundle, template))
    print("\n".join(commands(bundle, template, args.org, args.classroom, args.slug)))
    return 0


def requirements():
    """The grader's packages, one a line, from pyproject.toml's dependencies."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", text, re.M | re.S).group(1)
    return "\n".join(re.findall(r'"([^"]+)"', block)) + "\n"


def write_bundle(dest, chosen, per_check, lang, time_limit):
    """BUNDLE_DIR: autograder.py, config.json, requirements.txt, README.md, project/."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT:
        target = dest / "project" / part
        if (ROOT / part).is_dir():
            shutil.copytree(str(ROOT / part), str(target), ignore=export.SKIPPED)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(str(ROOT / part), str(target))
    shutil.copy(str(AUTOGRADER), str(dest / "autograder.py"))
    config = {"exercises": chosen, "per_check": per_check, "lang": lang,
              "time_limit": time_limit, "install_limit": min(300, time_limit // 2)}
    (dest / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    (dest / "requirements.txt").write_text(requirements(), encoding="utf-8")
    (dest / "README.md").write_text(bundle_readme(config), encoding="utf-8")


def bundle_readme(config):
    return "\n".join([
        "# Autograder bundle: concurrency katas",
        "",
        "Written by `python -m grader classroom50`. Put this folder's contents in the "
        "classroom50 repository as `CLASSROOM/autograders/SLUG/`.",
        "",
        "- Exercises graded: %s." % ", ".join(config["exercises"]),
        "- Scoring: %s." % ("a row per check, each passed check earns its points"
                            if config["per_check"] else
                            "a row per exercise, which earns its points when every check passes"),
        "- `autograder.py` (standard library only) removes an old `result.json` and "
        "`release-body.md`, copies `project/` into a folder under `RUNNER_TEMP`, makes a "
        "virtual environment there and installs `requirements.txt` into it with pip **from "
        "PyPI** (the grader's own packages: pytest, pytest-timeout, psutil, ...; about half a "
        "minute on a hosted runner). On a self-hosted runner that has them, set "
        "`KATAS_GRADER_PYTHON` to a Python with these packages and nothing is installed.",
        "- It grades the student's `exercises/` with the grader in `project/`, never with "
        "anything from the student's repository, in an environment of `PATH`, `HOME` and the "
        "language variables only: the student's program does not get `GITHUB_OUTPUT`, "
        "`GITHUB_ENV` or a token in its environment.",
        "- Installing and grading may take %d s in all (%d s of it for pip); the runner's job "
        "stops after 15 minutes." % (config["time_limit"], config["install_limit"]),
        "- It exits 0 only when grading ran to its end and it wrote `result.json` and "
        "`release-body.md`. Otherwise it exits 1: Classroom 50 records an error and the "
        "student's previous score stands.",
        "- It also writes `katas-report.html`, the report as a page with a picture of each run "
        "(self-contained, no script). To attach it to every submission's Release, name it in "
        "the assignment's **Submission release files** (the web app's assignment form) or add "
        "`\"release_assets\": [\"katas-report.html\"]` to the assignment's entry in "
        "`CLASSROOM/assignments.json`; the Release's text tells the student where to find it.",
        "- The report is in %s unless the runner sets `GRADER_LANG` (`en` or `zh`)."
        % ("简体中文" if config["lang"] == "zh" else "English"),
        "",
        "**This bundle is public.** Classroom 50 publishes it as a tarball on the "
        "organisation's Pages site, which anyone can read: the hidden suites in "
        "`project/tests/katas/` are unpublished, not secret. It holds no reference solution.",
        "",
    ])


def write_template(dest):
    """The students' template repository: the stubs, a README, .gitignore; no workflow."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(str(exercises.EXERCISES), str(dest / "exercises"), ignore=export.SKIPPED)
    shutil.copy(str(ROOT / ".gitignore"), str(dest / ".gitignore"))
    (dest / "README.md").write_text(student_readme(), encoding="utf-8")


def student_readme():
    rows = export.exercise_table()
    return "\n".join([
        "# Python concurrency katas · Python 并发练习",
        "",
        "Fill in one small program per concept. Read `exercises/NN_name/README.md`, complete "
        "the file, commit and push (or run `gh student submit`).",
        "",
        "每个练习补全一个小程序。阅读 `exercises/NN_name/README.md`，补全文件，提交并推送"
        "（或运行 `gh student submit`）。",
        "",
        "**Where your feedback appears.** Each graded submission becomes a Release of this "
        "repository, on a tag named `submit/…`: open the repository's **Releases** page (or "
        "**View grade** in Classroom 50). Its text is your report: the score, every check "
        "with PASS or FAIL, and for each failure what was expected, what your run did, a hint "
        "and your run's timeline. If your teacher attaches it, the Release also lists "
        "`katas-report.html` under **Assets**: a picture of each run of your program (download "
        "it and open it in a browser). If grading itself fails, there is no new Release and your "
        "previous score stands; the Actions tab shows the log.",
        "",
        "**在哪里看反馈。** 每次评分都会在本仓库生成一个 Release，标签名为 `submit/…`：打开仓库的 "
        "**Releases** 页面（或 Classroom 50 中的 **View grade**）。其正文就是你的报告：得分、"
        "每项检查的 PASS/FAIL，以及每个失败的期望、你的运行、提示和时间线。如果老师附加了它，"
        "Release 的 **Assets** 下还有 `katas-report.html`：你的程序每次运行的图示（下载后用浏览器打开）。"
        "如果评分本身出错，"
        "不会有新的 Release，之前的分数保持不变；可在 Actions 页面查看日志。",
        "",
    ] + rows + [""])


def commands(bundle, template, org, classroom, slug):
    """The steps, with the `gh teacher` commands, that create the assignment."""
    repo = "%s/%s-template" % (org, slug)
    return [
        "",
        "Next steps (once per organisation: gh teacher init %s; once per classroom: "
        "gh teacher classroom add %s %s --name \"...\"):" % (org, org, classroom),
        "",
        "  # 1. the students' template repository, marked as a template",
        "  cd %s && git init -q && git add -A && git commit -qm 'Starter code' && "
        "gh repo create %s --private --source . --push && gh repo edit %s --template"
        % (template, repo, repo),
        "",
        "  # 2. the autograder bundle, into the classroom50 repository (published on Pages)",
        "  gh repo clone %s/classroom50 && mkdir -p classroom50/%s/autograders/%s" % (
            org, classroom, slug),
        "  cp -R %s/. classroom50/%s/autograders/%s/" % (bundle, classroom, slug),
        "  cd classroom50 && git add %s/autograders/%s && git commit -qm 'Autograder: %s' && "
        "git push" % (classroom, slug, slug),
        "",
        "  # 3. the assignment",
        "  gh teacher assignment add %s %s %s --name \"Python concurrency katas\" "
        "--template %s" % (org, classroom, slug, repo),
        "",
        "  # 4. the picture of each run on every submission's Release: in the web app's "
        "assignment form, Submission release files: katas-report.html",
        "  #    (or \"release_assets\": [\"katas-report.html\"] in the assignment's entry in "
        "classroom50/%s/assignments.json)" % classroom,
        "",
        "Then accept it once yourself (gh student accept %s %s %s), push a solved exercise and "
        "read the Release on the submit/... tag." % (org, classroom, slug),
    ]
