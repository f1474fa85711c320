"""The runner copies the grader's environment for each run while other threads
change it (in a grading session pytest sets and removes PYTEST_CURRENT_TEST
around every test while later runs still start): the copy never fails.  What
is a CI job's (its summary file, tokens, the runner's folders) is left out."""
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


def test_a_ci_job_s_files_and_tokens_are_not_the_program_s(tmp_path, monkeypatch):
    job = {"GITHUB_STEP_SUMMARY": "/job/summary.md", "GITHUB_OUTPUT": "/job/output",
           "GITHUB_TOKEN": "ghs_x", "ACTIONS_RUNTIME_TOKEN": "x", "RUNNER_TEMP": "/job/tmp",
           "CLASSROOM50_BUNDLE_DIR": "/job/bundle", "GRADER_RUN_TAG": "x"}
    for name, value in job.items():
        monkeypatch.setenv(name, value)
    env = runner.run_environment(Path("x.py"), tmp_path, "id", start_method=None, scale=1.0,
                                 amplify=None)
    assert not set(job) & set(env), set(job) & set(env)
    assert env["PATH"] == os.environ["PATH"] and env["HOME"] == os.environ["HOME"]
