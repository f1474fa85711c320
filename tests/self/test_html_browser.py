"""The report page in a real browser.  Headless Chromium (Debian's
chromium-headless-shell, and a Chinese font for the screenshots; installed
here when missing and the tests run as root, skipped, saying why, where it
cannot be had) renders the page of the
reference solution and of two typical wrong programs of every kata, each made
from its recorded runs (tests/recorded/) and judged by the kata's suite.  The
test reads the DOM the browser built -- a lane per process and thread, a tick
per printed line, the lines a failed check names marked -- and keeps a
screenshot of each page in build/screenshots/ for a person to look at."""
import fcntl
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from grader.grading import exercise as exercises
from grader.kata.checks import student_lines
from grader.report.html import html_page
from test_replayed_checks import graded

ROOT = exercises.ROOT
SHOTS = ROOT / "build" / "screenshots"
TYPICAL = {  # two typical wrong programs of each kata
    "01_processes": ["target_called", "no_join_sleep"],
    "02_process_info": ["getppid", "threads"],
    "03_daemon": ["not_daemon", "daemon_after_start"],
    "04_threads": ["run_not_start", "unnamed_thread"],
    "05_lock": ["no_lock", "lock_around_loop"],
    "06_queue": ["no_sentinel_terminate", "two_consumers"],
    "07_pool": ["result_after_each_submit", "one_chunk"],
    "08_deadlock": ["opposite_order", "one_big_lock"],
    "09_semaphore": ["no_semaphore", "semaphore_one"],
    "10_event": ["never_set", "event_per_worker"],
    "11_shared_value": ["no_lock", "lock_per_process"],
    "12_asyncio": ["sequential_awaits", "not_awaited"],
}


BROWSERS = ("chromium-headless-shell", "chromium", "chromium-browser")


def found():
    return next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)


CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")  # the screenshots' 中文


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    if found() and CJK_FONT.exists():
        return found()
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        if found():
            return found()  # screenshots without a Chinese font: the DOM is what is tested
        pytest.skip("no headless Chromium here, and no apt-get as root to install it")
    # pytest-xdist's workers each ask: one installs, the others wait for it
    with open(tmp_path_factory.getbasetemp().parent / "chromium.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for step in ([] if found() and CJK_FONT.exists() else
                     [["apt-get", "update", "-qq"],
                      ["apt-get", "install", "-y", "-qq", "chromium-headless-shell",
                       "fonts-wqy-microhei"]]):
            done = subprocess.run(step, capture_output=True, text=True, timeout=900,
                                  env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
                                       "DEBIAN_FRONTEND": "noninteractive"})
            if done.returncode != 0:
                pytest.skip("headless Chromium could not be installed (%s: %s)"
                            % (" ".join(step), (done.stderr or done.stdout).strip()[-300:]))
    return found()


def rendered(chromium, page, shot):
    """The DOM Chromium built from the file PAGE, and a screenshot of it in SHOT."""
    dom = subprocess.run([chromium, "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                          "--window-size=1100,1600", "--dump-dom", "--screenshot=%s" % shot,
                          page.as_uri()], capture_output=True, text=True, timeout=120)
    return dom.stdout


@pytest.mark.parametrize("name", sorted(TYPICAL))
def test_the_pages_of_a_kata_render_in_a_browser(name, chromium, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for stem in ["solution"] + TYPICAL[name]:
        (tmp_path / stem).mkdir()
        result = graded(name, stem, tmp_path / stem)
        page = tmp_path / ("%s-%s.html" % (name, stem))
        page.write_text(html_page([result]), encoding="utf-8")
        assert page.stat().st_size < 1024 * 1024, (stem, page.stat().st_size)
        shot = SHOTS / ("%s-%s.png" % (name, stem))
        dom = rendered(chromium, page, shot)
        assert dom.count("<svg") == len(result.runs), (stem, dom[:500])
        assert shot.is_file() and shot.stat().st_size > 10000, stem
        lines = sum(min(len(student_lines(run)), 500) for run in result.runs.values())
        assert len(re.findall(r'class="(?:tick|mark)"', dom)) == lines, stem
        lanes = sum(len(run.procs) + sum(t.name != "MainThread" for t in run.threads)
                    for run in result.runs.values())  # a process's main thread is its lane
        assert dom.count('<text x="4"') + dom.count('<text x="16"') >= lanes, stem
        if stem == "solution":
            assert result.passed and "FAIL" not in dom, stem
        else:
            assert not result.passed and "FAIL" in dom, stem
            marked = any(m for c in result.checks for _, m in c.failures if m.get("marked"))
            assert ('class="mark"' in dom) == marked, stem
        drawn_facts(result, dom, stem)


def drawn_facts(result, dom, stem):
    """The records of the runs behind what the page draws: a bar per hold of a
    lock, an arrow from each wait for a lock to its holder, an arrow per queue item from put to get, a
    step line per semaphore, a lane per coroutine that printed, and a ring on
    each record a failed check names."""
    runs = result.runs.values()
    events = [e for run in runs for e in run.events]
    kinds = {e.ev for e in events}
    assert dom.count('class="sem"') == sum(e.ev == "sem_made" for e in events), stem
    gets = sum(e.ev == "queue_get" for e in events)
    assert 0 < dom.count('class="hand"') <= gets if gets else 'class="hand"' not in dom, stem
    if stem == "solution":
        assert dom.count('class="hand"') == gets, stem  # every item got was put
    assert dom.count('class="hold"') == sum(len(run.lock_holds()) for run in runs), stem
    stuck = {step.thread for run in runs for step in run.deadlock or ()}  # holders it names
    waits = [e for e in events if e.ev == "lock_wait" and (e.holder or e.thread in stuck)]
    assert dom.count('class="holder"') <= len(waits), stem
    for task in {line.task for run in runs for line in run.lines if line.task}:
        assert ">coroutine %s<" % task in dom, (stem, task)
    named = {tuple(m) for c in result.checks for _, mistake in c.failures
             for m in mistake.get("marked_events", ())}
    assert dom.count('class="markev"') == sum((round(e.t, 6), e.pid, e.ev) in named
                                              for e in events), stem
    if "deadlock" in kinds:  # the waits of the cycle, ringed, point at each other
        assert dom.count('class="markev"') >= 2, stem
