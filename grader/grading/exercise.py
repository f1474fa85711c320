"""An exercise: its folder under exercises/ and its metadata file info.toml
(title, student file, how to run it, hints).  Its hidden suite lives in
tests/katas/<same folder name>/ and declares the checks (grader.kata)."""
import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
SUITES = ROOT / "tests" / "katas"


@dataclass
class Exercise:
    name: str
    title: str
    title_zh: str
    file: str
    hints: list = field(default_factory=list)
    hints_zh: list = field(default_factory=list)
    time_scale: float = 1.0
    start_methods: list = field(default_factory=lambda: ["default"])
    deadline: float = 15.0
    amplify: float = 0.0

    @property
    def suite(self):
        return SUITES / self.name

    @property
    def checks(self):
        """The checks its hidden suite declares, in order (grader.kata.Check)."""
        if "_checks" not in self.__dict__:
            self._checks = suite_checks(self.name)
        return self._checks

    @property
    def points(self):
        return sum(c.points for c in self.checks)

    def student_file(self, src):
        return Path(src) / self.name / self.file

    def check(self, name):
        return next((c for c in self.checks if c.name == name), None)


def load(name):
    folder = EXERCISES / name
    with open(folder / "info.toml", "rb") as f:
        data = tomllib.load(f)
    return Exercise(name=name, **data)


def suite_module(name):
    """Exercise NAME's hidden suite, imported as a module of its own (None if it has none)."""
    files = sorted((SUITES / name).glob("test_*.py"))
    if not files:
        return None
    spec = importlib.util.spec_from_file_location("_kata_suite_" + name, files[0])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def suite_checks(name):
    """The checks of exercise NAME's hidden suite, read by importing it."""
    from grader.kata import checks_of
    module = suite_module(name)
    return checks_of(module.__dict__) if module is not None else []


def names():
    return sorted(p.name for p in EXERCISES.iterdir() if (p / "info.toml").is_file())


def not_found(name):
    """What to tell someone who named NAME, which find() did not find."""
    return "no exercise called %r; there are: %s" % (name, ", ".join(names()))


def find(name):
    """An exercise by folder name, or by a unique prefix ('03' or '03_daemon')."""
    matches = [n for n in names() if n == name or n.startswith(name)]
    if len(matches) != 1:
        return None
    return load(matches[0])
