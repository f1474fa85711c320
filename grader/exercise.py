"""An exercise: its folder under exercises/ and its metadata file info.toml
(title, student file, how to run it, checks with points, hints).  Its hidden
suite lives in tests/katas/<same folder name>/."""
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"
SUITES = ROOT / "tests" / "katas"


@dataclass
class Check:
    name: str
    title: str
    points: int
    title_zh: str = ""


@dataclass
class Exercise:
    name: str
    title: str
    title_zh: str
    file: str
    checks: list
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
    data["checks"] = [Check(**c) for c in data.get("checks", [])]
    return Exercise(name=name, **data)


def names():
    return sorted(p.name for p in EXERCISES.iterdir() if (p / "info.toml").is_file())


def find(name):
    """An exercise by folder name, or by a unique prefix ('03' or '03_daemon')."""
    matches = [n for n in names() if n == name or n.startswith(name)]
    if len(matches) != 1:
        return None
    return load(matches[0])
