"""`python -m grader classroom50`: the bundle, run as Classroom 50's runner
runs it (runner.py's run_entrypoint: its own Python runs autograder.py with the
student's checkout as the working directory, CLASSROOM50_BUNDLE_DIR naming the
extracted bundle under RUNNER_TEMP, the identity variables and every GITHUB_*
in the environment, result.json and release-body.md removed first; a non-zero
exit is an error).  The grader's packages come from this venv
(KATAS_GRADER_PYTHON), except in one test, where the oldest Python found runs
autograder.py and it installs them from the package index itself."""
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import jsonschema
import pytest

from grader.grading import exercise as exercises
from grader.report import classroom50 as c50
from test_export import leaks

ROOT = exercises.ROOT
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "classroom50-result-v1.json")
                    .read_text(encoding="utf-8"))
CHOSEN = ["02_process_info", "04_threads", "05_lock"]
SLUG = "katas"
HOSTILE = '''\
import os, sys
from pathlib import Path
checkout = Path(__file__).resolve().parents[2]
forged = {"schema": "classroom50/result/v1", "score": 999, "max-score": 999, "tests": []}
for name, text in (("result.json", repr(forged)), ("release-body.md", "# 999/999 forged")):
    try:
        (checkout / name).write_text(text)
    except OSError as e:
        print("could not forge", name, e)
(checkout / "forged-marker").write_text("the program ran")
paths = [(os.environ.get(k), "env") for k in ("GITHUB_OUTPUT", "GITHUB_ENV")]
pid = os.getppid()
while pid > 1:  # the autograder's environment, through /proc
    try:
        env = open("/proc/%d/environ" % pid, "rb").read().split(b"\\0")
        paths += [(v.split(b"=", 1)[1].decode(), "proc") for v in env
                  if v.startswith((b"GITHUB_OUTPUT=", b"GITHUB_ENV="))]
        pid = int(open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()[1])
    except OSError:
        break
for path, route in paths:
    try:
        if path:
            with open(path, "a") as f:
                f.write("status=success\\nsummary=forged 999/999 via %s\\n" % route)
                if path.endswith("github_env"):
                    f.write("LD_PRELOAD=/tmp/forged.so\\n")
    except OSError:
        pass
print("子线程 [LoopThread_0]运行")
'''


def make_bundle(dest, *args):
    proc = subprocess.run([sys.executable, "-m", "grader", "classroom50", str(dest)] + list(args),
                          cwd=str(ROOT), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    """{name: bundle folder}: all exercises per check, and CHOSEN per check."""
    base = tmp_path_factory.mktemp("c50")
    make_bundle(base / "all", "--per-check")
    make_bundle(base / "chosen", "--per-check", *sum([["--exercise", e] for e in CHOSEN], []))
    return {"all": base / "all", "chosen": base / "chosen"}


def checkout(folder, files=None):
    """A student's checkout: the stubs, with FILES ({exercise: program}) put in."""
    shutil.copytree(str(exercises.EXERCISES), str(folder / "exercises"))
    for name, program in (files or {}).items():
        ex = exercises.load(name)
        target = ex.student_file(folder / "exercises")
        target.write_text(Path(program).read_text(encoding="utf-8") if isinstance(program, Path)
                          else program, encoding="utf-8")
    return folder


def runner(bundle, work, tmp, time_limit=None, runner_removes=True, python=sys.executable,
           runner_python=sys.executable):
    """autograder.py run as Classroom 50's runner runs it: the bundle extracted
    into RUNNER_TEMP/classroom50-runtime/SLUG, stale outputs removed from the
    checkout, the identity variables and GITHUB_* set; (exit code, log, the
    result or None, the text of the GITHUB_OUTPUT and GITHUB_ENV files)."""
    runtime = tmp / "runner_temp" / "classroom50-runtime" / SLUG
    shutil.copytree(str(bundle), str(runtime))
    if time_limit is not None:
        config = json.loads((runtime / "config.json").read_text())
        config["time_limit"] = time_limit
        (runtime / "config.json").write_text(json.dumps(config))
    for name in ("result.json", "release-body.md", "katas-report.html"):
        if (work / name).exists() and runner_removes:
            (work / name).unlink()
    output, genv = tmp / "github_output", tmp / "github_env"
    for f in (output, genv):
        f.write_text("")
        os.chmod(str(f), 0o666)  # a program run as another user could write it if it knew it
    os.chmod(str(work), 0o777)
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"),
           "RUNNER_TEMP": str(tmp / "runner_temp"), "GITHUB_ACTIONS": "true",
           "GITHUB_OUTPUT": str(output), "GITHUB_ENV": str(genv),
           "GITHUB_STEP_SUMMARY": str(tmp / "summary"), "GITHUB_TOKEN": "ghs_not_a_real_token",
           "GITHUB_REPOSITORY": "org/cls-katas-alice", "GITHUB_SHA": "0" * 40,
           "GITHUB_ACTOR": "alice", "PAGES_BASE_URL": "https://org.github.io/classroom50",
           "CLASSROOM": "cls", "ASSIGNMENT": SLUG, "SUBMISSION_TAG": "submit/2026-12-05T10-00-00Z-0000000",
           "MODE": "individual", "USERNAME": "alice", "OWNER": "alice",
           "ASSIGNMENT_TYPE": "individual", "COMMIT_URL": "https://github.com/org/r/commit/0",
           "RELEASE_URL": "https://github.com/org/r/releases/tag/submit%2F1",
           "REVIEW_URL": "https://github.com/org/r/compare/1...0",
           "CLASSROOM50_BUNDLE_DIR": str(runtime)}
    if python:
        env["KATAS_GRADER_PYTHON"] = str(python)
    proc = subprocess.run([runner_python, str(runtime / "autograder.py")], cwd=str(work), env=env,
                          capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    result = work / "result.json"
    doc = json.loads(result.read_text(encoding="utf-8")) if result.exists() else None
    return proc.returncode, proc.stdout + proc.stderr, doc, output.read_text() + genv.read_text()


def valid(doc):
    """DOC passes the schema and the runner's checks in code."""
    jsonschema.validate(doc, SCHEMA)
    names = [t["test-name"] for t in doc["tests"]]
    assert len(set(names)) == len(names) and all(len(n.encode()) <= 100 for n in names)
    assert all(0 <= t["score"] <= t["max-score"] for t in doc["tests"])
    assert doc["score"] == sum(t["score"] for t in doc["tests"]) <= doc["max-score"]
    assert doc["owner"] == "alice" and doc["submission"].startswith("submit/2026")
    return doc


def check_points(work):
    """{(exercise, check): points} as `python -m grader check` gives them."""
    out = work.parent / "check.json"
    proc = subprocess.run([sys.executable, "-m", "grader", "check"] + CHOSEN + [
        "--src", str(work / "exercises"), "--format", "json", "--output", str(out)],
        cwd=str(ROOT), capture_output=True, text=True, timeout=300)
    assert out.exists(), proc.stderr
    return {(t["exercise"], t["check"]): t["score"] for t in json.loads(out.read_text())["tests"]}


def test_solutions_get_full_score(bundles, tmp_path):
    work = checkout(tmp_path / "work", {e: exercises.load(e).student_file(ROOT / "solutions")
                                        for e in CHOSEN})
    code, log, doc, _ = runner(bundles["chosen"], work, tmp_path)
    assert code == 0, log
    valid(doc)
    assert doc["score"] == doc["max-score"] == sum(exercises.load(e).points for e in CHOSEN)
    body = (work / "release-body.md").read_text(encoding="utf-8")
    assert "## Score: %d/%d" % (doc["score"], doc["score"]) in body and "❌" not in body
    # the page for the Release's assets, and the body saying where it may be
    page = (work / "katas-report.html").read_text(encoding="utf-8")
    assert page.count("<svg") == sum(len(exercises.load(e).start_methods) for e in CHOSEN)
    assert "in the page `katas-report.html`, which your teacher can attach" in body


@pytest.mark.parametrize("case", ["stubs", "one_solved", "hostile"])
def test_points_are_those_of_check(case, bundles, tmp_path):
    files = {"stubs": {}, "one_solved": {"04_threads": exercises.load("04_threads").student_file(
        ROOT / "solutions")}, "hostile": {"04_threads": HOSTILE}}[case]
    work = checkout(tmp_path / "work", files)
    (work / "result.json").write_text('{"score": 999}')  # stale, from an earlier run
    if case == "hostile":  # modules of the checkout that would stand for the grader's own
        (work / "grader").mkdir()
        for name in ("grader/__init__.py", "grader/__main__.py", "pytest.py", "json.py",
                     "conftest.py", "sitecustomize.py", "usercustomize.py"):
            (work / name).write_text("open(%r, 'w').write('imported')\n"
                                     % str(work / "shadow-marker"))
    code, log, doc, github_output = runner(bundles["chosen"], work, tmp_path)
    assert code == 0, log
    valid(doc)
    body = (work / "release-body.md").read_text(encoding="utf-8")
    expected = check_points(work)  # runs the programs again (a hostile one forges again)
    assert {(t["exercise"], t["check"]): t["score"] for t in doc["tests"]} == expected
    assert 0 < doc["score"] < doc["max-score"]
    if case == "one_solved":
        assert all(t["passed"] for t in doc["tests"] if t["exercise"] == "04_threads")
    failed = [t for t in doc["tests"] if not t["passed"]]
    assert failed and all(t.get("message") for t in failed)
    if case == "hostile":
        assert (work / "forged-marker").exists(), "the hostile program did not run"
        # Its environment names no job file; run as the grader's own user (as
        # here, when the grader cannot start this venv's Python as another
        # user) it finds their names in an ancestor's /proc/PID/environ and
        # writes to them, and the autograder puts them back as they were.
        assert github_output == "", github_output
        assert "forged" not in body and "## Score: %d/" % doc["score"] in body
        assert not (work / "shadow-marker").exists(), "a module of the checkout was imported"
    files = re.findall(r"^.*: `(.*\.py)`$", body, re.M)  # each failing exercise's file
    assert files and all(re.fullmatch(r"exercises/\d\d_\w+/\w+\.py", f) for f in files), files


def test_a_grading_that_cannot_finish_exits_non_zero(bundles, tmp_path):
    work = checkout(tmp_path / "work")
    for name in ("release-body.md", "katas-report.html"):
        (work / name).write_text("stale")  # the autograder removes them by itself too
    code, log, doc, _ = runner(bundles["chosen"], work, tmp_path, time_limit=1,
                               runner_removes=False)
    assert code != 0 and doc is None and not (work / "release-body.md").exists()
    assert not (work / "katas-report.html").exists()
    assert "did not finish within 1 s" in log or "no time was left" in log, log


def test_a_grading_past_the_time_limit_is_stopped_and_exits_non_zero(bundles, tmp_path):
    """A grader still running at the limit is stopped, also when a process it
    started left its group holding the output open, and no result is left."""
    slow = tmp_path / "python"
    slow.write_text('#!/bin/sh\nsetsid %s -c "import time; time.sleep(120)" katas-escapee &\n'
                    'exec sleep 120\n' % sys.executable)
    slow.chmod(0o755)
    work = checkout(tmp_path / "work")
    (work / "result.json").write_text('{"score": 999}')  # stale: the autograder removes it too
    began = time.monotonic()
    try:
        code, log, doc, _ = runner(bundles["chosen"], work, tmp_path, time_limit=10,
                                   python=slow, runner_removes=False)
    finally:
        subprocess.run(["pkill", "-f", "katas-escapee"])
    assert code != 0 and doc is None and "grading did not finish within" in log, log
    assert time.monotonic() - began < 90  # the escapee sleeps 120 s: waiting for it fails


def test_the_time_limit_stays_inside_the_job(tmp_path):
    for limit in ("59", "781"):
        proc = subprocess.run([sys.executable, "-m", "grader", "classroom50",
                               str(tmp_path / limit), "--time-limit", limit],
                              cwd=str(ROOT), capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2 and "--time-limit takes 60 to 780 seconds" in proc.stderr
        assert not (tmp_path / limit).exists()


def test_the_grader_runs_in_a_stripped_environment(bundles, tmp_path):
    """The grader, and so every program it runs, gets no GITHUB_* and no token."""
    dump, wrapper = tmp_path / "env.txt", tmp_path / "python"
    wrapper.write_text('#!/bin/sh\nenv > %s\nexec %s "$@"\n' % (dump, sys.executable))
    wrapper.chmod(0o755)
    code, log, doc, _ = runner(bundles["chosen"], checkout(tmp_path / "work"), tmp_path,
                               python=wrapper)
    assert code == 0, log
    names = {line.split("=", 1)[0] for line in dump.read_text().splitlines() if "=" in line}
    assert "PATH" in names and not [n for n in names if n.startswith("GITHUB_") or "TOKEN" in n
                                    or n.startswith("CLASSROOM")], names


def test_bundle_holds_no_solution_and_is_small(bundles, tmp_path):
    for folder in (bundles["all"], Path(str(bundles["all"]) + "-template")):
        assert leaks(folder) == []
        assert not (folder / "solutions").exists() and not list(folder.rglob("corpus"))
    tarball = tmp_path / ("%s.tar.gz" % SLUG)  # as publish-pages packs it
    with tarfile.open(str(tarball), "w:gz") as tar:
        tar.add(str(bundles["all"]), arcname=SLUG)
    assert tarball.stat().st_size < 10 * 1024 * 1024
    template = Path(str(bundles["all"]) + "-template")
    assert not (template / ".github").exists()  # Classroom 50 writes the caller workflow
    readme = (template / "README.md").read_text(encoding="utf-8")
    assert "submit/" in readme and "Releases" in readme
    assert readme.count("`katas-report.html`") == 2  # where the picture is, in both languages
    from grader.commands import c50_autograder  # the name the autograder writes
    assert "katas-report.html" in c50_autograder.OUTPUTS


def non_stdlib_imports(source):
    """Top-level modules SOURCE imports that are not in the standard library."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add("." if node.level else node.module.split(".")[0])
    return sorted(n for n in names if n not in sys.stdlib_module_names)


def test_autograder_imports_only_the_standard_library(bundles):
    assert non_stdlib_imports("import pytest\nfrom grader import x\nimport os") == [
        "grader", "pytest"]  # the scan is not vacuous
    assert non_stdlib_imports((bundles["all"] / "autograder.py").read_text()) == []


FAKE_GRADER = """#!/bin/sh
# a grader that writes a fixed result: one row per exercise of the bundle
prev=""
for a in "$@"; do
  case "$prev" in --output) out="$a";; --release-body) body="$a";; esac
  prev="$a"
done
printf '%s' > "$out"
printf '## Score: 1/3\\n' > "$body"
exit 1
"""


def test_autograder_runs_under_every_interpreter(bundles, tmp_path):
    """autograder.py, run by each Python found as the runner runs it (with a
    grader that writes a fixed result), writes result.json and exits 0."""
    import interpreters
    found = interpreters.found()
    if not found:
        pytest.skip("no other interpreter found")
    rows = [{"test-name": name, "passed": name == CHOSEN[0], "score": int(name == CHOSEN[0]),
             "max-score": 1, "exercise": name} for name in CHOSEN]
    doc = dict({k: "local" for k in ("classroom", "assignment", "owner", "commit", "release",
                                     "review")}, schema="classroom50/result/v1",
               assignment_type="individual", submission="submit/local",
               datetime="2026-12-05T10:00:00Z", score=1, tests=rows, **{"max-score": 3})
    fake = tmp_path / "grader-python"
    fake.write_text(FAKE_GRADER % json.dumps(doc))
    fake.chmod(0o755)
    for key, interp in found.items():
        folder = tmp_path / key
        folder.mkdir()
        code, log, got, _ = runner(bundles["chosen"], checkout(folder / "work"), folder,
                                   python=fake, runner_python=interp.path)
        assert code == 0 and got["score"] == 1 and got["owner"] == "alice", (key, log)
        valid(got)


def test_the_oldest_python_installs_the_grader_and_grades(bundles, tmp_path):
    """autograder.py as a runner with the oldest Python found would run it:
    nothing given, it makes its own virtual environment, installs the grader's
    packages from the package index and grades (skipped where the index cannot
    be reached)."""
    import interpreters
    oldest = next(iter(interpreters.found().values()), None)
    if oldest is None:
        pytest.skip("no other interpreter found")
    probe = subprocess.run([oldest.path, "-m", "pip", "download", "--no-deps", "-q", "-d",
                            str(tmp_path / "probe"), "tqdm"], capture_output=True, text=True,
                           timeout=120)
    if probe.returncode != 0:
        pytest.skip("the package index cannot be reached: %s" % probe.stderr.strip()[-200:])
    work = checkout(tmp_path / "work", {"04_threads": exercises.load("04_threads").student_file(
        ROOT / "solutions")})
    code, log, doc, _ = runner(bundles["chosen"], work, tmp_path, python=None,
                               runner_python=oldest.path)
    assert code == 0, log
    valid(doc)
    assert all(t["passed"] for t in doc["tests"] if t["exercise"] == "04_threads")
    assert not all(t["passed"] for t in doc["tests"]), "the stubs passed"


def test_fence_is_longer_than_any_backtick_run():
    assert c50.fence("plain") == "```"
    assert c50.fence("a ``` b ````` c") == "``````"
    text = c50.fenced("```\n</details>\n# heading", 1000)
    assert text.startswith("````\n") and text.endswith("\n````")


def test_names_stay_unique_and_short():
    taken = set()
    long = "04_threads: " + "长" * 60
    a, b = c50._name(long, taken), c50._name(long, taken)
    assert a != b and all(len(n.encode()) <= 100 for n in (a, b))


def local_result(tmp_path, *extra, env=None):
    """`check --format classroom50` of 04_threads (solved) and 02_process_info
    (the stub): (result.json, release-body.md)."""
    out, body = tmp_path / "result.json", tmp_path / "release-body.md"
    proc = subprocess.run([sys.executable, "-m", "grader", "check", "--file",
                           "04_threads=%s" % exercises.load("04_threads").student_file(
                               ROOT / "solutions"),
                           "--file", "02_process_info=%s" % exercises.load(
                               "02_process_info").student_file(exercises.EXERCISES),
                           "--format", "classroom50", "--output", str(out),
                           "--release-body", str(body)] + list(extra),
                          cwd=str(ROOT), capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, **(env or {})))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    return json.loads(out.read_text(encoding="utf-8")), body.read_text(encoding="utf-8")


def test_all_or_nothing_gives_a_row_per_exercise(tmp_path):
    doc, body = local_result(tmp_path, "--all-or-nothing")
    jsonschema.validate(doc, SCHEMA)
    solved, stub = exercises.load("04_threads"), exercises.load("02_process_info")
    rows = {t["exercise"]: t for t in doc["tests"]}
    assert len(doc["tests"]) == 2 and set(rows) == {solved.name, stub.name}
    assert (rows[solved.name]["score"], rows[solved.name]["max-score"]) == (solved.points,) * 2
    assert rows[solved.name]["passed"] and not rows[stub.name]["passed"]
    assert (rows[stub.name]["score"], rows[stub.name]["max-score"]) == (0, stub.points)
    assert doc["score"] == solved.points and doc["max-score"] == solved.points + stub.points
    assert rows[stub.name].get("message")


ENGLISH_WORD = re.compile(r"\b(the|and|your|was|what|when|every|check|checks|score|passed|"
                          r"failed|expected|hint|timeline)\b", re.I)


def prose(markdown):
    """The lines of MARKDOWN outside fenced blocks and code spans: what the
    grader itself says, not what it quotes."""
    out, fence = [], None
    for line in markdown.splitlines():
        m = re.match(r"^(`{3,})", line.strip())
        if m:
            fence = None if fence and m.group(1) == fence else (fence or m.group(1))
            continue
        if fence is None:
            out.append(re.sub(r"`[^`]*`", "", line))
    return out


def test_release_body_in_chinese(tmp_path):
    (tmp_path / "en").mkdir()
    _, english = local_result(tmp_path / "en", env={"GRADER_LANG": "en"})
    _, body = local_result(tmp_path, env={"GRADER_LANG": "zh"})
    assert [l for l in prose(english) if ENGLISH_WORD.search(l)], "the detector finds nothing"
    assert re.search(r"^## [^\x00-\x7f]+[:：] ?\d+/\d+$", body, re.M), body[:300]
    headings = [l for l in body.splitlines() if l.startswith("#") or l.startswith("|")]
    assert headings and any(re.search(r"[\u4e00-\u9fff]", l) for l in headings)
    english_left = [l for l in prose(body) if ENGLISH_WORD.search(l)
                    and not re.search(r"[\u4e00-\u9fff]", l)]
    assert english_left == [], english_left


def test_the_printed_steps_create_the_assignment_and_attach_the_page(tmp_path):
    out = make_bundle(tmp_path / "b", "--org", "my-org", "--classroom", "cs1", "--slug",
                      "katas").stdout
    assert "gh teacher assignment add my-org cs1 katas --name" in out
    assert "classroom50/cs1/autograders/katas" in out
    assert "Submission release files: katas-report.html" in out
    assert '"release_assets": ["katas-report.html"]' in out
    readme = (tmp_path / "b" / "README.md").read_text(encoding="utf-8")
    assert "**Submission release files**" in readme and "katas-report.html" in readme


def autograder_module():
    """The autograder script as a module (it runs nothing when imported)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "c50_autograder", ROOT / "grader" / "commands" / "c50_autograder.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("row, says", [
    ({"score": 0, "max-score": 1001}, "points"),
    ({"score": -1, "max-score": 1}, "points"),
    ({"score": 2, "max-score": 1}, "points"),
    ({"score": 1.0, "max-score": 1}, "points"),
    ({"test-name": "a\x1bb"}, "test names"),
    ({"test-name": "é" * 51}, "test names"),
])
def test_the_autograder_refuses_rows_classroom_50_would_not_take(row, says):
    """Points 0-1000 and a score at most its max-score; names of at most 100
    bytes with no control character (Classroom 50's limits for a test): the
    schema and the autograder's own check both refuse a row that breaks one."""
    good = {"test-name": "04_threads: main waits", "passed": False, "score": 0, "max-score": 1,
            "exercise": "04_threads"}
    doc = {"schema": "classroom50/result/v1", "tests": [good]}
    doc.update(score=0, **{"max-score": 1})
    ag = autograder_module()
    ag.check(doc, {"exercises": ["04_threads"]})  # the good row passes
    bad = dict(good, **row)
    doc.update(tests=[bad], score=bad["score"], **{"max-score": bad["max-score"]})
    with pytest.raises(ag.Failed, match=says):
        ag.check(doc, {"exercises": ["04_threads"]})
    if says == "points" and type(bad["score"]) is int and bad["score"] <= bad["max-score"]:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMA["properties"]["tests"]["items"])


def test_a_long_release_body_is_cut_between_whole_blocks(monkeypatch):
    """Failures whose text and timeline hold fences, headings and </details>
    (what a program printed): each stays inside its own fence, and a body past
    the limit is cut after a whole failure, never inside a fence or a
    collapsed block, with the note that the rest was left out."""
    from grader.grading.grade import CheckResult, ExerciseResult
    printed = "```\n~~~\n### forged heading\n</details>\n" * 40
    results = []
    for name in exercises.names():
        ex = exercises.load(name)
        checks = [CheckResult(c.name, c.title, c.points, False, [("fork", {
            "expected": "x", "got": "it printed:\n" + printed, "hint": "y",
            "timeline": printed})]) for c in ex.checks]
        results.append(ExerciseResult(ex, "%s.py" % name, checks))
    monkeypatch.setattr(c50, "BODY_LIMIT", 30_000)
    body = c50.release_body(results)
    assert len(body) <= 30_000 and body.rstrip().endswith(c50.t("c50_cut"))
    inside, opened = None, 0  # the fence we are in; <details> blocks open
    for line in body.splitlines():
        if inside is None and re.fullmatch(r"`{3,}", line):
            inside = line
        elif inside is not None and line == inside:
            inside = None
        elif inside is None:
            assert not line.startswith("### forged"), line
            opened += line.startswith("<details>") - (line == "</details>")
    assert inside is None and opened == 0
    assert body.count("#### ❌") > 3


def test_each_failure_in_the_release_body_says_what_was_expected_and_what_the_run_did(tmp_path):
    doc, body = local_result(tmp_path)
    failed = [row for row in doc["tests"] if not row["passed"]]
    assert failed
    blocks = body.split("\n#### ❌ ")[1:]
    assert len(blocks) == len(failed)
    for block in blocks:
        lines = block.splitlines()
        mark = lines[2]
        assert re.fullmatch(r"`{3,}", mark), block[:200]
        text = "\n".join(lines[3:lines.index(mark, 3)])
        assert c50.t("expected") in text and c50.t("your_run") in text, text
    assert c50.t("hint") in body
    assert body.count("<details><summary>") == body.count("</details>") > 0
