"""The runner copies the grader's environment for each run while other threads
change it (in a grading session pytest sets and removes PYTEST_CURRENT_TEST
around every test while later runs still start): the copy never fails."""
import os
import sys
import threading
from pathlib import Path

from grader.run import runner


def test_a_run_s_environment_is_copied_while_another_thread_changes_it(tmp_path):
    stop, interval = threading.Event(), sys.getswitchinterval()

    def pytest_like():
        while not stop.is_set():
            os.environ["GRADER_TEST_FLIP"] = "1"
            del os.environ["GRADER_TEST_FLIP"]

    sys.setswitchinterval(1e-6)
    flipper = threading.Thread(target=pytest_like)
    flipper.start()
    try:
        for _ in range(3000):
            env = runner.run_environment(Path("x.py"), tmp_path, "id", start_method=None,
                                         scale=1.0, amplify=None)
            assert env["PYTHONPATH"] == str(runner.HARNESS)
    finally:
        stop.set()
        flipper.join()
        sys.setswitchinterval(interval)
