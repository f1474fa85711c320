"""The CPython interpreters the self-test and the matrix run students' programs
with, found wherever they are: pyenv's versions, `python3.X` and `python3.Xt`
on PATH, the paths in $PYTHONS (space-separated), and the relocatable builds
in ../shared/pythons/ (each tarball extracted once into a cache outside the
clone).  One entry per minor version and build -- "3.13" and the
free-threaded "3.13t" are two -- with the newest patch release found.
"""
import functools
import glob
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "pythons"
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "concurrency-katas" / "pythons"
OLDEST = (3, 9)
NEWEST = (3, 15)
PROBE = ("import sys, sysconfig; print(*sys.version_info[:3], "
         "int(bool(sysconfig.get_config_var('Py_GIL_DISABLED'))))")


@dataclass(frozen=True)
class Interpreter:
    path: str
    version: tuple
    free_threaded: bool

    @property
    def key(self):
        """The matrix entry: '3.13', or '3.13t' for the free-threaded build."""
        return "%d.%d%s" % (self.version[:2] + ("t" if self.free_threaded else "",))

    @property
    def name(self):
        return "%d.%d.%d%s" % (self.version + ("t" if self.free_threaded else "",))


def wanted():
    """Every entry a full matrix has: each minor version from OLDEST to NEWEST,
    and the free-threaded build of each from 3.13 on."""
    keys = []
    for minor in range(OLDEST[1], NEWEST[1] + 1):
        keys.append("3.%d" % minor)
        if minor >= 13:
            keys.append("3.%dt" % minor)
    return keys


def extracted(tarball):
    """The folder TARBALL is extracted into, once (atomically, so several test
    workers may ask at the same time)."""
    target = CACHE / tarball.name.split(".tar")[0]
    if not target.is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=str(CACHE), prefix=".extract-"))
        with tarfile.open(str(tarball)) as tar:
            try:
                tar.extractall(str(scratch), filter="tar")
            except TypeError:  # Python before 3.12 has no extraction filters
                tar.extractall(str(scratch))
        try:
            os.rename(str(scratch), str(target))
        except OSError:  # another worker was first
            shutil.rmtree(str(scratch), ignore_errors=True)
    return target


def compiled(folder, pythons):
    """Compile FOLDER's standard library once: the tarballs carry no .pyc files,
    and without them every process of a run (the runner forbids writing
    bytecode) compiled multiprocessing and the rest again -- 0.2 s of CPU each,
    which made spawn-heavy gradings on a busy machine run out of time."""
    mark = folder / ".compiled"
    python = next((p for p in sorted(pythons) if re.search(r"python3\.\d+t?$", p)), None)
    if mark.exists() or python is None:
        return
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    for lib in glob.glob(str(folder / "*" / "lib" / "python3*")):
        subprocess.run([python, "-m", "compileall", "-q", "-j", "0", "-x", r"/(test|idlelib)/",
                        lib], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=900)
    mark.touch()


def candidates():
    paths = os.environ.get("PYTHONS", "").split()
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"
    paths += glob.glob(str(pyenv / "3.*" / "bin" / "python3*"))
    for minor in range(OLDEST[1], NEWEST[1] + 1):
        for suffix in ("", "t"):
            found = shutil.which("python3.%d%s" % (minor, suffix))
            if found:
                paths.append(found)
    for tarball in sorted(SHARED.glob("cpython-*.tar.*")) if SHARED.is_dir() else ():
        folder = extracted(tarball)
        found = glob.glob(str(folder / "*" / "bin" / "python3*"))
        compiled(folder, found)
        paths += found
    real = {}
    for path in paths:  # pyenv's shims only run the versions found above, slowly
        if (re.search(r"python3(\.\d+t?)?$", path) and "/shims/" not in path
                and os.access(path, os.X_OK)):
            real.setdefault(os.path.realpath(path), path)
    return list(real.values())


def probe(path):
    try:
        out = subprocess.run([path, "-c", PROBE], capture_output=True, text=True, timeout=30,
                             env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")})
        major, minor, micro, free = (int(x) for x in out.stdout.split())
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    return Interpreter(path, (major, minor, micro), bool(free))


@functools.lru_cache(maxsize=None)
def found():
    """{entry: Interpreter}, the newest patch release of each entry found."""
    best = {}
    for path in candidates():
        interp = probe(path)
        if interp is None or interp.version[:2] < OLDEST:
            continue
        if interp.key not in best or interp.version > best[interp.key].version:
            best[interp.key] = interp
    order = {key: i for i, key in enumerate(wanted())}
    return dict(sorted(best.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
