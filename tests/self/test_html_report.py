"""`check --format html` (grader/report/html.py): one self-contained page with
the checks and a picture of each run; nothing the program prints becomes
markup, nothing is fetched from elsewhere, and a flood of output still makes a
small page."""
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

from grader.grading import exercise as exercises
from grader.report.html import html_page
from test_replayed_checks import graded

ROOT = exercises.ROOT

INJECTS = '''import threading
def loop():
    print("</svg><script>alert(1)</script>")
    print('<img src="x" onerror="alert(2)"> & ]]> <!--')
t = threading.Thread(target=loop, name="LoopThread")
t.start()
t.join()
print("thread %s ended." % threading.current_thread().name)
'''


class Page(HTMLParser):
    """The tags, attributes and text of a page."""

    def __init__(self, text):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def page_of(exercise, file, tmp_path, lang="en"):
    out = tmp_path / "report.html"
    proc = subprocess.run([sys.executable, "-m", "grader", "check", exercise, "--file", str(file),
                           "--format", "html", "--output", str(out)], cwd=str(ROOT),
                          env=dict(os.environ, PYTHONPATH=str(ROOT), GRADER_LANG=lang),
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return out.read_text(encoding="utf-8")


def test_a_page_shows_the_checks_and_each_run_and_escapes_what_was_printed(tmp_path):
    program = tmp_path / "threads.py"
    program.write_text(INJECTS, encoding="utf-8")
    text = page_of("04_threads", program, tmp_path)
    page = Page(text)
    assert "script" not in page.tags and "img" not in page.tags
    assert not [a for a in page.attrs if a[0].startswith("on") or a[0] in ("src", "href")]
    assert "</svg><script>alert(1)</script>" in "".join(page.text)
    assert page.tags.count("svg") == 1  # 04 runs once (its default start method)
    ticks = [v for k, v in page.attrs if k == "class" and v in ("tick", "mark")]
    assert len(ticks) == 3  # one per line printed
    assert "LoopThread" in "".join(page.text) and "FAIL" in "".join(page.text)


def test_a_flood_of_output_makes_a_small_page(tmp_path):
    flood = ROOT / "tests" / "hostile" / "01_processes" / "output_flood.py"
    text = page_of("01_processes", flood, tmp_path)
    assert len(text.encode("utf-8")) < 1024 * 1024, len(text)
    assert "more</li>" in text


def test_the_lines_a_failed_check_names_are_marked_in_the_picture(tmp_path):
    """`target=cook(2)`: cook's lines, printed by main, are drawn in red in main's lane."""
    program = ROOT / "tests" / "corpus" / "01_processes" / "target_called.py"
    page = Page(page_of("01_processes", program, tmp_path))
    marks = [v for k, v in page.attrs if k == "class" and v == "mark"]
    assert len(marks) == 4, marks  # cook's two lines, in each of the two runs
    assert page.tags.count("svg") == 2  # 01 runs under the default start method and spawn


def test_check_html_writes_the_page_beside_the_text_report(tmp_path):
    page = tmp_path / "report" / "04_threads.html"
    proc = subprocess.run([sys.executable, "-m", "grader", "check", "04_threads", "--src",
                           str(ROOT / "solutions"), "--html", str(page)], cwd=str(tmp_path),
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.rstrip().endswith("A picture of each run, in a page: report/04_threads.html")
    assert Page(page.read_text(encoding="utf-8")).tags.count("svg") == 1
    dry = subprocess.run(["make", "-n", "-C", str(ROOT), "check", "EX=04_threads", "HTML=1"],
                         capture_output=True, text=True)
    assert "--html build/report/04_threads.html" in dry.stdout, dry.stdout + dry.stderr


def test_the_page_speaks_chinese_with_grader_lang_zh(tmp_path):
    solution = exercises.load("04_threads").student_file(ROOT / "solutions")
    text = page_of("04_threads", solution, tmp_path, lang="zh")
    assert '<html lang="zh">' in text and "得分" in text
    assert "<span>■ 进程</span>" in text and "<summary>打印的内容</summary>" in text
    assert "printed line" not in text


def test_a_deadlock_is_drawn_as_two_waits_pointing_at_each_other(tmp_path):
    """08's opposite order: each thread's last wait, ringed as the failed check's
    records, has an arrow to the other thread's lane (made from its recording)."""
    result = graded("08_deadlock", "opposite_order", tmp_path)
    text = html_page([result])
    rings = re.findall(r'<circle class="markev" cx="([\d.]+)" cy="([\d.]+)"', text)
    assert len(rings) == 2, rings
    arrows = {(float(x0), float(y0)): float(y1) for x0, y0, y1 in re.findall(
        r'class="holder" marker-end="url\(#arrow-holder\)" d="M([\d.]+) ([\d.]+) L[\d.]+ ([\d.]+)"',
        text)}
    lanes = [arrows[float(x), float(y)] for x, y in rings]  # where each ringed wait points
    assert lanes == [float(rings[1][1]), float(rings[0][1])] and lanes[0] != lanes[1], (rings,
                                                                                       lanes)
    # and each thread still holds the lock the other waits for, to the end of the run
    held = re.findall(r"(Thread-\d \(worker\)) holds lock #(\d)[^<]*the end of the run", text)
    assert len(held) == 2 and len({t for t, _ in held}) == len({n for _, n in held}) == 2, held


def test_a_page_draws_each_queue_item_each_semaphore_and_each_coroutine(tmp_path):
    queue = html_page([graded("06_queue", "solution", tmp_path / "q")])
    assert queue.count('class="hand"') == 3 * 11  # 0…9 and None, in each of three runs
    assert ">fork server pid " in queue and ">resource tracker pid " in queue
    assert "item 0: put by process producer (pid " in queue
    sem = html_page([graded("09_semaphore", "solution", tmp_path / "s")])
    assert ">Semaphore(3)<" in sem and "at most 3 held it at once" in sem
    one = html_page([graded("09_semaphore", "semaphore_one", tmp_path / "o")])
    assert "at most 1 held it at once" in one
    turns = html_page([graded("12_asyncio", "solution", tmp_path / "a")])
    assert ">coroutine cook<" in turns and ">coroutine wash<" in turns
    one_task = html_page([graded("12_asyncio", "sequential_awaits", tmp_path / "b")])
    assert ">coroutine main<" in one_task and ">coroutine cook<" not in one_task


def test_a_missing_lock_shows_as_writes_with_no_lock_bar(tmp_path):
    """05: the reference solution's two threads hold the lock in turns (bars
    in both lanes, never at once); without a lock there is no bar at all."""
    solution = graded("05_lock", "solution", tmp_path / "s")
    holds = [h for run in solution.runs.values() for h in run.lock_holds()]
    assert {name for _, _, name, _, _ in holds} == {"Thread-1 (run_thread)",
                                                    "Thread-2 (run_thread)"}
    spans = sorted((h.first, h.last) for *_, h in holds)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))  # one holder at a time
    page = html_page([solution])
    assert page.count('class="hold"') == len(holds) and "holds lock #1" in page
    bare = html_page([graded("05_lock", "no_lock", tmp_path / "n")])
    assert 'class="hold"' not in bare and "FAIL" in bare


def test_a_cause_is_told_once_as_in_the_text_report(tmp_path):
    """`target=cook(2)` fails four checks for one cause: the page tells it once."""
    page = html_page([graded("01_processes", "target_called", tmp_path)])
    assert page.count("Hint: Pass the function itself") == 1
    assert page.count("Same cause as above: ") == 3


def test_a_scaled_run_says_its_times_are_the_program_s_own(tmp_path):
    scaled = html_page([graded("10_event", "solution", tmp_path / "e")])
    assert "times in your program&#x27;s own seconds; the grader ran its sleeps 5× faster" \
        in scaled
    assert "ran its sleeps" not in html_page([graded("05_lock", "solution", tmp_path / "l")])


def test_a_thread_that_raised_ends_with_a_cross(tmp_path):
    """05's no_global: each thread's change_it raises UnboundLocalError."""
    page = html_page([graded("05_lock", "no_global", tmp_path)])
    crosses = re.findall(r'<text class="cross"[^>]*>✗<title>([^<]*)</title>', page)
    assert sorted(c.split(" ended")[0] for c in crosses) == [
        "thread Thread-1 (run_thread)", "thread Thread-2 (run_thread)"], crosses
    assert all("UnboundLocalError" in c for c in crosses)
    assert 'class="cross"' not in html_page([graded("05_lock", "solution", tmp_path / "s")])


def test_a_traceback_on_the_page_shows_the_student_s_frames_not_the_grader_s(tmp_path):
    """05's no_global: the threads' tracebacks pass through the harness's thread_run."""
    result = graded("05_lock", "no_global", tmp_path)
    recorded = "\n".join(l.text for run in result.runs.values() for l in run.lines)
    assert "thread_run" in recorded and "orig_trun" in recorded  # the recordings have them
    page = html_page([result])
    assert "thread_run" not in page and "orig_trun" not in page and "grader/harness" not in page
    assert page.count("no_global.py&quot;, line 11, in change_it") >= 2 * 2  # tick and list, per thread
    assert page.count("UnboundLocalError: cannot access local variable") >= 2
