import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS / "self"), str(TESTS)]

from batching import batches  # noqa: E402,F401 (a fixture: gradings made in batches)
