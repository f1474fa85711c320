"""Classroom 50 autograder of the concurrency katas (written by `python -m
grader classroom50`; standard library only, Python 3.9+).

Classroom 50's runner runs this file with its own Python, in the student's
checkout, with the bundle's folder in CLASSROOM50_BUNDLE_DIR.  It

1. removes a result.json, release-body.md and katas-report.html left in the
   checkout;
2. copies the bundled grader (project/) into a folder of its own under
   RUNNER_TEMP, and makes a virtual environment there with the grader's
   packages (requirements.txt, from PyPI) -- or uses the Python named by
   KATAS_GRADER_PYTHON, which must have them already;
3. grades the checkout's exercises/ with that grader, in an environment of
   nothing but PATH, HOME and the language variables (the student's program
   sees no GITHUB_OUTPUT, GITHUB_ENV or token), under a time limit of its own,
   and then puts the runner's files of this step (GITHUB_OUTPUT, GITHUB_ENV,
   ...) back as they were, whatever the program wrote to them;
4. writes ./result.json (the runner's identity variables stamped in),
   ./release-body.md and ./katas-report.html (the report as a page with a
   picture of each run, which the runner attaches to the submission's Release
   when the assignment's release files name it), and exits 0.  Any other
   ending exits 1: the runner then records an error, and the student's
   previous score stands.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
IDENTITY = {  # result.json field: the runner's variables, in order of preference
    "classroom": ["CLASSROOM"], "assignment": ["ASSIGNMENT"],
    "assignment_type": ["ASSIGNMENT_TYPE"], "owner": ["OWNER", "USERNAME"],
    "submission": ["SUBMISSION_TAG"], "commit": ["COMMIT_URL"], "release": ["RELEASE_URL"],
    "review": ["REVIEW_URL", "COMMIT_URL"]}
KEPT = ("PATH", "HOME", "LANG", "LC_ALL", "LC_MESSAGES", "GRADER_LANG")
# The runner's files of this step: what is in them when the step ends becomes its outputs
# (the runner takes a status from GITHUB_OUTPUT), the next steps' environment and PATH.
JOB_FILES = ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_STATE")
OUTPUTS = ("result.json", "release-body.md", "katas-report.html")


class Failed(Exception):
    """Grading did not run to its end; the message says why."""


def say(text):
    """TEXT in the job's log, where no line of it can be a workflow command."""
    for line in str(text).splitlines() or [""]:
        print("autograder: " + line.replace("##[", "## [").replace("##vso[", "## vso["),
              flush=True)


def remove(path):
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(str(path))
    elif os.path.lexists(str(path)):
        path.unlink()


def run(cmd, cwd, env, limit, what):
    """Run CMD in a process group of its own; its output, or Failed when it
    runs past LIMIT seconds or cannot start."""
    if limit <= 0:
        raise Failed("no time was left for %s" % what)
    try:
        proc = subprocess.Popen(cmd, cwd=str(cwd), env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
    except OSError as e:
        raise Failed("could not start %s: %s" % (what, e))
    try:
        out, _ = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        try:  # a process that left the group may still hold the output pipe open
            proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        raise Failed("%s did not finish within %d s" % (what, limit))
    return proc.returncode, out.decode("utf-8", "replace")


def grader_python(scratch, bundle, config, env, left):
    """A Python that has the grader's packages: KATAS_GRADER_PYTHON, or a new
    virtual environment in SCRATCH with requirements.txt installed."""
    given = os.environ.get("KATAS_GRADER_PYTHON")
    if given:
        return given
    home = scratch / "venv"
    venv.EnvBuilder(with_pip=True).create(str(home))
    python = str(home / ("Scripts" if os.name == "nt" else "bin") / "python")
    code, out = run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                     "--prefer-binary", "-r", str(bundle / "requirements.txt")],
                    scratch, dict(env, PIP_NO_INPUT="1"),
                    min(left(), config.get("install_limit", 300)),
                    "installing the grader's packages")
    if code != 0:
        say(out[-3000:])
        raise Failed("installing the grader's packages failed (pip exit code %d)" % code)
    return python


def stamp(doc, environ):
    """DOC with the runner's identity variables in place of the grader's 'local'."""
    for field, names in IDENTITY.items():
        value = next((environ[n] for n in names if environ.get(n)), None)
        if value:
            doc[field] = value
    return doc


def check(doc, config):
    """Failed unless DOC is a result Classroom 50 takes."""
    tests = doc.get("tests")
    if doc.get("schema") != "classroom50/result/v1" or not isinstance(tests, list):
        raise Failed("the grader wrote no classroom50/result/v1 document")
    names = [t.get("test-name") for t in tests]
    if len(tests) > 100 or len(set(names)) != len(names) or any(
            not isinstance(n, str) or not n or len(n.encode("utf-8")) > 100
            or any(ord(c) < 32 or ord(c) == 127 for c in n) for n in names):
        raise Failed("the grader's rows break Classroom 50's limits on test names")
    if any(type(t.get(k)) is not int or not 0 <= t[k] <= 1000 for t in tests
           for k in ("score", "max-score")) or any(t["score"] > t["max-score"] for t in tests):
        raise Failed("the grader's rows break Classroom 50's limits on points (0 to 1000, "
                     "a score at most its max-score)")
    for key in ("score", "max-score"):
        if type(doc.get(key)) is not int or doc[key] != sum(t[key] for t in tests):
            raise Failed("the grader's %s is not the sum of its rows" % key)
    graded = {t.get("exercise") for t in tests}
    if graded != set(config["exercises"]):
        raise Failed("the grader's result does not cover the exercises of this assignment")


def write(path, text):
    """TEXT (or bytes) in place of whatever is at PATH (a forged file, link or folder)."""
    scratch = path.with_name(".%s.tmp" % path.name)
    remove(scratch)
    remove(path)
    with open(str(scratch), "xb") as f:
        f.write(text if isinstance(text, bytes) else text.encode("utf-8"))
    os.replace(str(scratch), str(path))


def job_files(environ):
    """{path: its bytes now, or None} of the runner's files of this step.  The
    student's program runs as this step's user: even with the grader's
    environment stripped it can find their names (in an ancestor's
    /proc/PID/environ) and write to them."""
    saved = {}
    for name in JOB_FILES:
        if environ.get(name):
            path = Path(environ[name])
            saved[path] = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    return saved


def put_back(saved):
    """Each job file as it was before grading (one that was not there, removed)."""
    for path, data in saved.items():
        if data is None:
            remove(path)
        else:
            write(path, data)


def main():
    started = time.monotonic()
    bundle = Path(os.environ.get("CLASSROOM50_BUNDLE_DIR") or HERE)
    work = Path.cwd()
    for name in OUTPUTS:
        remove(work / name)
    config = json.loads((bundle / "config.json").read_text(encoding="utf-8"))
    left = lambda: int(config["time_limit"] - (time.monotonic() - started))
    env = {k: os.environ[k] for k in KEPT if k in os.environ}
    env.setdefault("GRADER_LANG", config.get("lang", "en"))
    scratch = Path(tempfile.mkdtemp(prefix="katas-", dir=os.environ.get("RUNNER_TEMP") or None))
    saved = job_files(os.environ)
    try:
        project = scratch / "project"
        shutil.copytree(str(bundle / "project"), str(project))
        python = grader_python(scratch, bundle, config, env, left)
        out = scratch / "out"
        out.mkdir()
        # Run in the checkout, so that the report names the student's files as
        # exercises/..., with the pinned copy first on the path and the checkout
        # not on it at all (-I): nothing of the student's can stand for the grader.
        run_grader = ("import sys; sys.path.insert(0, %r); import runpy; "
                      "runpy.run_module('grader', run_name='__main__', alter_sys=True)"
                      % str(project))
        cmd = [python, "-I", "-c", run_grader, "check"] + config["exercises"] + [
            "--src", str(work / "exercises"), "--format", "classroom50",
            "--output", str(out / OUTPUTS[0]), "--release-body", str(out / OUTPUTS[1]),
            "--html", str(out / OUTPUTS[2])]
        if not config["per_check"]:
            cmd.append("--all-or-nothing")
        say("grading %s" % ", ".join(config["exercises"]))
        code, log = run(cmd, work, env, left(), "grading")
        if code not in (0, 1):
            say(log[-3000:])
            raise Failed("the grader ended with exit code %d instead of finishing" % code)
        doc = stamp(json.loads((out / OUTPUTS[0]).read_text(encoding="utf-8")), os.environ)
        check(doc, config)
        body = (out / OUTPUTS[1]).read_text(encoding="utf-8")
        write(work / OUTPUTS[0], json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        write(work / OUTPUTS[1], body)
        if (out / OUTPUTS[2]).is_file():  # the page is the student's to read, not a score
            write(work / OUTPUTS[2], (out / OUTPUTS[2]).read_text(encoding="utf-8"))
        say("score %d/%d" % (doc["score"], doc["max-score"]))
        return 0
    except Failed as e:
        say("error: %s; no score was recorded for this submission" % e)
        return 1
    except (OSError, ValueError, KeyError) as e:
        say("error: %s: %s; no score was recorded for this submission" % (type(e).__name__, e))
        return 1
    finally:
        put_back(saved)
        shutil.rmtree(str(scratch), ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
