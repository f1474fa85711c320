"""A GitHub Actions job, simulated as far as a student's program could abuse
it: the step of the generated workflow that grades (a `run:` script), on a
runner laid out as GitHub's is
(`_work/_temp` with the file commands of each step, the workspace with the
student's checkout and the pinned grader in `.grader/`), as the runner's user
(root, or a user that may use sudo without a password, as on GitHub's hosted
runners).  It models what the runner does with what a step leaves behind:
the file commands (GITHUB_ENV, GITHUB_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY)
and the workflow commands in its log (`::name props::value` on a line of its
own after leading whitespace, `::stop-commands::TOKEN` until `::TOKEN::`, the
legacy `##[name props]value` anywhere in a line)."""
import base64
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "ghs_" + "SimulatedJobToken0123456789"  # what actions/checkout would persist
COMMAND = re.compile(r"^::([A-Za-z][\w-]*)(?: ([^:]*))?::(.*)$")
LEGACY = re.compile(r"##\[([A-Za-z][\w-]*)(?: ([^\]]*))?\](.*)$")
UNSECURE = ("set-env", "add-path")  # refused: the step fails

def workflow_commands(text):
    """[(name, properties, value)] of every workflow command the runner would
    take from a step's log TEXT."""
    found, stop = [], None
    for line in text.splitlines():
        trimmed = line.strip()
        if stop is not None:
            if trimmed == "::%s::" % stop:
                stop = None
            continue
        m = COMMAND.match(trimmed)
        if m:
            if m.group(1) == "stop-commands":
                stop = m.group(3)
            found.append(m.groups())
            continue
        m = LEGACY.search(line)
        if m:
            found.append(m.groups())
    return found


def file_command_values(text):
    """{name: value} of a GITHUB_ENV or GITHUB_OUTPUT file: NAME=VALUE lines and
    NAME<<DELIMITER blocks."""
    values, lines = {}, text.splitlines()
    while lines:
        line = lines.pop(0)
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            while lines and lines[0] != delimiter:
                block.append(lines.pop(0))
            lines = lines[1:]
            values[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


class Step:
    def __init__(self, name, code, log, outputs, commands, files):
        self.name, self.code, self.log = name, code, log
        self.outputs, self.commands, self.files = outputs, commands, files

    @property
    def failed(self):
        return self.code != 0 or any(c[0] in UNSECURE for c in self.commands)


class Job:
    """One job on a fresh simulated runner in BASE, as USER (a pwd entry, None:
    the test's own user, root), grading STUDENT_FILE as EXERCISE with the
    generated WORKFLOW (its text), the pinned copy made from PINNED (with a
    .venv VENV builds in it); the actions' own code runs on PYTHON."""

    def __init__(self, base, workflow, pinned, venv, exercise, student_file, user=None,
                 python=sys.executable):
        self.base, self.user, self.python = Path(base), user, python
        self.flow = yaml.safe_load(workflow)
        self.marker = "simulated-job-%s" % uuid.uuid4().hex[:8]
        self.temp = self.base / "_work" / "_temp"
        self.ws = self.base / "_work" / "katas" / "katas"
        self.home = self.base / "home"
        for folder in (self.temp, self.ws, self.home):
            folder.mkdir(parents=True)
        steps = self.flow["jobs"]["grade"]["steps"]
        checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout")
                        and "repository" not in s.get("with", {}))
        shutil.copytree(str(ROOT / "exercises"), str(self.ws / "exercises"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(str(student_file), str(exercise.student_file(self.ws / "exercises")))
        (self.ws / ".git").mkdir()
        config = "[core]\n\trepositoryformatversion = 0\n"
        if str(checkout.get("with", {}).get("persist-credentials", True)).lower() != "false":
            config += ('[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic %s\n'
                       % base64.b64encode(("x-access-token:" + TOKEN).encode()).decode())
        (self.ws / ".git" / "config").write_text(config)
        shutil.copytree(str(pinned), str(self.ws / ".grader"), symlinks=True,
                        ignore=shutil.ignore_patterns(".venv", "__pycache__"))
        venv(self.ws / ".grader")
        if user is not None:
            for path in [self.base] + [p for p in self.base.rglob("*") if not p.is_symlink()]:
                os.chown(str(path), user.pw_uid, user.pw_gid)
        self.env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(self.home),
                    "CI": "true", "GITHUB_ACTIONS": "true", "RUNNER_TEMP": str(self.temp),
                    "GITHUB_WORKSPACE": str(self.ws), "SIMULATED_JOB": self.marker}
        if user is not None:
            self.env.update(USER=user.pw_name, LOGNAME=user.pw_name)
        self.outputs = {}  # step id -> {name: value}
        self.paths = []  # GITHUB_PATH entries, newest first
        self.steps = [s for s in steps if s.get("id") == "grade"]

    def _popen_args(self):
        if self.user is None:
            return {}
        return {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}

    def _substitute(self, value):
        return re.sub(r"\$\{\{\s*steps\.(\w+)\.outputs\.(\w+)\s*\}\}",
                      lambda m: self.outputs.get(m.group(1), {}).get(m.group(2), ""), str(value))

    def run(self):
        """Run the job's steps; [Step] as the runner saw them."""
        done = []
        for step in self.steps:
            done.append(self._step(step))
            if done[-1].failed:
                break
        return done

    def _step(self, step):
        commands_dir = self.temp / "_runner_file_commands"
        commands_dir.mkdir(exist_ok=True)
        files = {}
        for name in ("GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"):
            path = commands_dir / ("%s_%s" % (name.lower()[7:], uuid.uuid4()))
            path.touch(mode=0o644)
            if self.user is not None:
                os.chown(str(path), self.user.pw_uid, self.user.pw_gid)
            files[name] = path
        env = dict(self.env, **{k: str(v) for k, v in files.items()})
        env["PATH"] = ":".join(self.paths + [env["PATH"]])
        env.update({k: self._substitute(v) for k, v in (step.get("env") or {}).items()})
        script = self.temp / ("%s.sh" % uuid.uuid4())
        script.write_text(step["run"])
        if self.user is not None:
            os.chown(str(script), self.user.pw_uid, self.user.pw_gid)
        argv = ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", str(script)]
        proc = subprocess.run(argv, cwd=str(self.ws), env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=600, **self._popen_args())
        log = proc.stdout.decode("utf-8", "replace")
        texts = {k: v.read_text(encoding="utf-8", errors="replace") for k, v in files.items()}
        self.env.update(file_command_values(texts["GITHUB_ENV"]))
        self.paths = [l for l in texts["GITHUB_PATH"].splitlines() if l][::-1] + self.paths
        outputs = file_command_values(texts["GITHUB_OUTPUT"])
        commands = workflow_commands(log)
        for name, props, value in commands:
            if name == "set-output":
                key = dict(p.split("=", 1) for p in (props or "").split(",") if "=" in p)
                outputs[key.get("name", "")] = value
        if step.get("id"):
            self.outputs[step["id"]] = outputs
        return Step(step.get("name"), proc.returncode, log, outputs, commands, texts)

    def survivors(self):
        """Processes still alive that came from the job: its marker in their
        environment, or a uid of the runs' range with nothing of a grader
        holding them (reparented to init or to us: the tests run graders in
        their own process too, as subreapers)."""
        import psutil
        from grader.run import isolation
        found = []
        for proc in psutil.process_iter(["uids", "status", "ppid"]):
            try:
                if proc.info["status"] == psutil.STATUS_ZOMBIE:
                    continue
                uid = proc.info["uids"].real
                if (isolation.PROBE_UID <= uid < isolation.FIRST_UID + isolation.UIDS
                        and proc.info["ppid"] in (1, os.getpid())) or \
                        proc.environ().get("SIMULATED_JOB") == self.marker:
                    found.append(proc)
            except psutil.Error:
                continue
        return found
