import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # interpreters.py, shared with the matrix


def pytest_collection_modifyitems(items):
    """The tests marked `first` (the longest: the hostile programs) before the
    others, so that under xdist they start at once and the short ones fill
    the other workers around them, instead of ending the session alone."""
    items.sort(key=lambda item: item.get_closest_marker("first") is None)


def grade_file(exercise, file, tmp_path):
    """Grade FILE as EXERCISE through the command line; returns (exit code, results)."""
    out = tmp_path / ("%s-%s.json" % (exercise, Path(file).stem))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "grader", "check", exercise, "--file", str(file),
                           "--format", "json", "--output", str(out)],
                          cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=300)
    assert out.exists(), "the grader wrote no results:\n%s\n%s" % (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture
def grade(tmp_path):
    return lambda exercise, file: grade_file(exercise, file, tmp_path)


@pytest.fixture(scope="session")
def own_user_python():
    """An interpreter that a run as a user of its own can start (the grader
    must be root); the test is skipped, saying why, where there is none."""
    from grader.run import isolation
    if os.geteuid() != 0:
        pytest.skip("runs as another user need a grader that runs as root")
    found = [sys.executable, getattr(sys, "_base_executable", None), shutil.which("python3"),
             "/usr/bin/python3"]
    tried = [p for p in dict.fromkeys(found) if p and os.path.exists(p)]
    for python in tried:
        if isolation.for_another_user(python)[1] is None:
            return python
    pytest.skip("no interpreter here can be run by another user (tried %s)" % ", ".join(tried))


class SudoGrader:
    """The grader run by a user that is not root but may use sudo without a
    password (as on GitHub's hosted runners): a user made for the tests."""

    def __init__(self, python, site, user, home):
        self.python, self.site, self.user, self.home = python, site, user, home

    def folder(self, name):
        """A new folder of the user's, which it can write and root can read."""
        path = Path(self.home) / name
        path.mkdir()
        os.chown(path, self.user.pw_uid, self.user.pw_gid)
        return path

    def run(self, args, env=None, **kwargs):
        """`python ARGS` as the user, from the project's folder."""
        env = dict(env or os.environ, PYTHONPATH="%s:%s" % (ROOT, self.site),
                   HOME=str(self.home), USER=self.user.pw_name, LOGNAME=self.user.pw_name)
        return subprocess.run([self.python] + list(args), cwd=str(ROOT), env=env,
                              user=self.user.pw_uid, group=self.user.pw_gid, extra_groups=[],
                              capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="session")
def sudo_grader(own_user_python, tmp_path_factory):
    """A user made for the tests that may use sudo without a password, and an
    interpreter it can start that finds the grader and the packages it needs;
    skipped, saying why, where this machine has no sudo or no such
    interpreter (root is needed to make the user)."""
    import pwd
    import sysconfig
    import tempfile
    import uuid
    for tool in ("sudo", "useradd", "userdel"):
        if not shutil.which(tool):
            pytest.skip("no %s on this machine: the grader's runs through sudo are not tested "
                        "here" % tool)
    version = subprocess.run([own_user_python, "-c", "import sys; print(sys.version_info[:2])"],
                             capture_output=True, text=True).stdout.strip()
    if version != str(sys.version_info[:2]):
        pytest.skip("%s is Python %s, not this venv's %s: it cannot use the venv's packages"
                    % (own_user_python, version, tuple(sys.version_info[:2])))
    name = "katas-sudo-%s" % uuid.uuid4().hex[:6]
    sudoers = Path("/etc/sudoers.d") / name
    home = tempfile.mkdtemp(prefix="katas-sudo-")
    subprocess.run(["useradd", "--no-create-home", "--home-dir", home, "--shell",
                    "/usr/sbin/nologin", name], check=True, capture_output=True)
    try:
        sudoers.write_text("%s ALL=(ALL) NOPASSWD: ALL\n" % name)
        os.chmod(sudoers, 0o440)
        user = pwd.getpwnam(name)
        os.chmod(home, 0o755)
        os.chown(home, user.pw_uid, user.pw_gid)
        grader = SudoGrader(own_user_python, sysconfig.get_paths()["purelib"], user, home)
        probe = grader.run(["-c", "import grader.run.isolation as i, psutil, pytest; "
                                  "print(i.root())"], timeout=120)
        if probe.returncode or "sudo" not in probe.stdout:
            pytest.skip("the test user cannot run the grader with sudo here: %s"
                        % (probe.stderr.strip().splitlines() or [probe.stdout.strip()])[-1])
        yield grader
    finally:
        subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
        subprocess.run(["userdel", name], capture_output=True)
        if sudoers.exists():
            sudoers.unlink()
        shutil.rmtree(home, ignore_errors=True)
