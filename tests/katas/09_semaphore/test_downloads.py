"""Hidden suite of 09_semaphore: ten downloads in ten threads, at most three at
once.  A download "runs" from its 开始 line to its 完成 line; how many ran at
once is counted from those lines' times.  The harness's semaphore events (made
where and with which value; acquired and released by which thread, and when)
tell whether a threading.Semaphore(3) made the limit, and whether each thread
printed both lines while holding it.  No check compares a time with a fixed
number of seconds: the run is judged against itself."""
import re
from collections import namedtuple

from grader.kata import Mistake, and_list, check, times

START = re.compile(r"^\s*开始下载\s*(-?\d+)\s*$")
DONE = re.compile(r"^\s*完成下载\s*(-?\d+)\s*$")
COUNT, LIMIT = 10, 3
INF = float("inf")


class Download:
    """Download number N: its 开始 and 完成 lines and the thread that printed them."""

    def __init__(self, number):
        self.number = number
        self.starts, self.dones = [], []
        self.thread = None  # the ThreadRun of the first 开始 line (MainThread: one made up)
        self.done_thread = None  # that of the first 完成 line

    @property
    def start(self):
        return self.starts[0] if self.starts else None

    @property
    def done(self):
        return self.dones[0] if self.dones else None

    @property
    def complete(self):
        return self.start is not None and self.done is not None and self.done.t >= self.start.t


Action = namedtuple("Action", "t ev sem event")  # a sem_acquire or sem_release EVENT of SEM


class Facts:
    """Everything the checks need, worked out once per run."""

    def __init__(self, run):
        self.run = run
        self.downloads = {}
        self.strays = []  # lines numbered outside 0..9
        for line in run.lines:
            if line.stream != "stdout":
                continue
            for pattern, kind, by in ((START, "starts", "thread"), (DONE, "dones", "done_thread")):
                m = pattern.match(line.text)
                if not m:
                    continue
                number = int(m.group(1))
                if not 0 <= number < COUNT:
                    self.strays.append(line)
                    continue
                download = self.downloads.setdefault(number, Download(number))
                getattr(download, kind).append(line)
                if len(getattr(download, kind)) == 1:
                    setattr(download, by, run.thread_of(line))
        self.sems = run.semaphores
        self.actions = {}  # id(thread) -> [Action], in the order they happened
        for e in run.events_of("sem_acquire", "sem_release"):
            thread, sem = run.thread_of(e), run.sem_of(e)
            if thread is not None and sem is not None:
                self.actions.setdefault(id(thread), []).append(Action(e.t, e.ev, sem, e))
        self.sleeps = {}  # id(thread) -> [sleep events], the time.sleep calls of the file
        for e in run.events_of("sleep"):
            thread = run.thread_of(e)
            if thread is not None:
                self.sleeps.setdefault(id(thread), []).append(e)
        self.peak, self.peak_t = self.count_peak()

    def everyone(self):
        return list(self.run.threads) + [self.run.main_thread()]

    # -- what happened ----------------------------------------------------------
    def listed(self):
        return [self.downloads[n] for n in sorted(self.downloads)]

    def runners(self):
        """The distinct threads that ran downloads, in order of their first download."""
        found = []
        for d in sorted(self.listed(), key=lambda d: d.start.t if d.start else INF):
            if d.thread is not None and all(d.thread is not t for t in found):
                found.append(d.thread)
        return found

    def acquired(self, thread, sem=None, kind="sem_acquire"):
        return [a for a in self.actions.get(id(thread), [])
                if a.ev == kind and (sem is None or a.sem is sem)]

    def held(self, thread, t):
        """The semaphores THREAD held at time T, as its own events show."""
        count = {}
        for a in self.actions.get(id(thread), []):
            if a.t > t:
                break
            count[a.sem] = count.get(a.sem, 0) + (1 if a.ev == "sem_acquire" else -1)
        return [sem for sem, n in count.items() if n > 0]

    def count_peak(self):
        """(the downloads running at the moment most ran at once, that moment)."""
        marks = []
        for d in self.listed():
            if d.start is None:
                continue
            marks.append((d.start.t, 1, d))
            if d.complete:
                marks.append((d.done.t, 0, d))
        marks.sort(key=lambda m: (m[0], m[1]))  # at the same instant an end comes first
        running, best, best_t = [], [], None
        for t, begins, d in marks:
            if begins:
                running.append(d)
                if len(running) > len(best):
                    best, best_t = sorted(running, key=lambda d: d.number), t
            elif d in running:
                running.remove(d)
        return best, best_t

    def shared(self):
        """The semaphores every download thread acquired."""
        threads = self.runners()
        return [s for s in self.sems if threads and all(self.acquired(t, s) for t in threads)]

    def lock_held(self):
        """The threading.Lock (from the exit facts) the download threads acquired, if any."""
        names = {t.name for t in self.runners()}
        return next((lock for lock in self.run.locks if names & set(lock.acquired or ())), None)

    def users(self, sem):
        """[(thread, acquire events, release events)] of every thread that used SEM."""
        found = []
        for thread in self.everyone():
            mine = [a for a in self.actions.get(id(thread), []) if a.sem is sem]
            if mine:
                found.append((thread, [a.event for a in mine if a.ev == "sem_acquire"],
                              [a.event for a in mine if a.ev == "sem_release"]))
        return found

    def over_released(self, sem=None):
        """(thread, acquires, releases) of the first thread that released SEM (or any
        semaphore) more often than it acquired it, or None."""
        for s in [sem] if sem else self.sems:
            for user in self.users(s):
                if len(user[2]) > len(user[1]):
                    return s, user
        return None

    def download_starts(self):
        """main's thread_start events of the download threads, in order."""
        names = {t.name for t in self.runners()}
        return [e for e in self.run.events_of("thread_start", pid=self.run.main_pid)
                if e.thread == "MainThread" and e.name in names]

    def waited(self, sem):
        """Whether some download thread found SEM full between its start and its first
        acquire (LIMIT other threads held it, as their own events show).  Events come
        after an acquire and before a release, so they never show more holders than
        there were."""
        steps = sorted((a.t, id(thread), 1 if a.ev == "sem_acquire" else -1)
                       for thread in self.everyone()
                       for a in self.actions.get(id(thread), []) if a.sem is sem)
        for thread in self.runners():
            first = self.acquired(thread, sem)
            if not first or thread.name == "MainThread":
                continue
            holding = {}  # the others' holdings after each event, until the next one
            for i, (t, who_, step) in enumerate(steps):
                if t >= first[0].t:
                    break
                if who_ != id(thread):
                    holding[who_] = holding.get(who_, 0) + step
                until = steps[i + 1][0] if i + 1 < len(steps) else INF
                if until > thread.began and sum(1 for n in holding.values() if n > 0) >= LIMIT:
                    return True
        return False

    def joins_before_last_start(self):
        """main's thread_join events that came before it started its last thread."""
        starts = [e for e in self.run.events_of("thread_start", pid=self.run.main_pid)
                  if e.thread == "MainThread"]
        if not starts:
            return []
        return [e for e in self.run.events_of("thread_join", pid=self.run.main_pid)
                if e.thread == "MainThread" and e.t < starts[-1].t]


def facts(run):
    found = getattr(run, "_downloads_facts", None)
    if found is None:
        found = run._downloads_facts = Facts(run)
    return found


def numbers(downloads):
    return and_list(["%d" % d.number for d in downloads])


def who(thread):
    return "the main thread" if thread.name == "MainThread" else "thread %s" % thread.name


def at_line(event):
    """', line N' of the student's line that made EVENT, if known."""
    return ", line %d" % event.at.line if event.at else ""


def line_at(at):
    return " at line %d" % at.line if at else ""


def lines_of(events):
    """'line 12 (`sem.release()`)' or 'lines 12 and 13 (...)' for the lines of EVENTS."""
    places = sorted({e.at.line: e.at.code for e in events if e.at}.items())
    if not places:
        return "a line outside your file"
    codes = "; ".join(dict.fromkeys("`%s`" % code for _, code in places if code))
    return "line%s %s%s" % ("s" if len(places) > 1 else "",
                            and_list(["%d" % n for n, _ in places]),
                            " (%s)" % codes if codes else "")


def releases_at(run, events):
    """Where EVENTS (sem_release) came from: 'the release at line 12 (`sem.release()`)',
    or 'the end of the `with` block of line 9 (`with sem:`)' for a with-statement's own."""
    seen = []
    for e in events:
        if e.at is None:
            text = "a release outside your file"
        elif ".release(" in e.at.code:
            text = "the release at %s" % e.at
        else:
            w = run.with_statement(e.at.line)
            text = ("the end of the `with` block of line %d (`%s`)" % w if w
                    else "the release at line %d" % e.at.line)
        seen.append(text)
    return " and ".join(dict.fromkeys(seen))


def lets_in(sem, only=""):
    return "the semaphore %s has value %s: Semaphore(%s) lets %s%s thread%s in at once" % (
        sem.where(), sem.value, sem.value, only, sem.value, "" if sem.value == 1 else "s")


def over_release_text(run, sem, user):
    """Why SEM let more threads in than its value: USER released it too often."""
    thread, acquires, releases = user
    return ("%s released the semaphore %s %s for %s (%s%s): each release gives a place "
            "back, so a release without its acquire adds a place the semaphore never had, "
            "and more than %s threads can then hold it at once" % (
                who(thread), sem.where(), times(len(releases)),
                "%d acquire%s" % (len(acquires), "" if len(acquires) == 1 else "s")
                if acquires else "no acquire at all",
                "acquired at %s; " % lines_of(acquires) if acquires else "",
                "released by %s" % releases_at(run, releases), sem.value))


ONE_SEMAPHORE = "one threading.Semaphore(3), acquired by every download thread"
VALUE_HINT = "threading.Semaphore(3): its value is how many threads may hold it at once."
ORDER_HINT = ("Acquire the semaphore first and print both lines inside `with sem:`: a download "
              "runs from its 开始 line to its 完成 line.")
OVER_HINT = ("Release once for each acquire: `with sem:` acquires and releases for you, so do not "
             "also call sem.release() inside or after it.")


def released_before_sleep(run, f, thread, release, until):
    """'; the release at line N (`...`) came before the download's sleep at line M ...'
    when THREAD slept after RELEASE (an Action) and before the time UNTIL; '' otherwise."""
    nap = next((e for e in f.sleeps.get(id(thread), []) if release.t < e.t < until), None)
    if nap is None:
        return ""
    return ("; %s came before the download's sleep at %s, so the thread slept without its "
            "place" % (releases_at(run, [release.event]), lines_of([nap])))


# -- why a run was not limited, or was limited too much ------------------------
def order_problem(run, f):
    """(text, line) for a line a thread printed while not holding the semaphore
    it used (the clearest case: the longest wait or delay); None if every
    thread held it for both of its lines."""
    found = []  # (seconds it shows, text, line)
    for d in f.listed():
        thread = d.thread
        if thread is None or d.start is None or not f.acquired(thread):
            continue
        held = f.held(thread, d.start.t)
        if not held:
            later = [a for a in f.acquired(thread) if a.t > d.start.t]
            released = [a for a in f.acquired(thread, kind="sem_release") if a.t < d.start.t]
            if later:
                text = ("%s printed `开始下载 %d` at %.2f s, before it acquired the semaphore "
                        "(at %.2f s%s): it said the download had started %s" % (
                            who(thread), d.number, d.start.t, later[0].t, at_line(later[0].event),
                            "and then waited for a free place" if later[0].event.waited
                            else "before it had its place"))
                found.append((later[0].t - d.start.t, text, d.start))
            else:
                text = ("%s printed `开始下载 %d` at %.2f s, when it no longer held the semaphore"
                        "%s: the download ran without its place%s" % (
                            who(thread), d.number, d.start.t,
                            " (released at %.2f s%s)" % (released[-1].t,
                                                         at_line(released[-1].event))
                            if released else "",
                            released_before_sleep(run, f, thread, released[-1],
                                                  d.done.t if d.done else INF)
                            if released else ""))
                found.append((d.start.t - released[-1].t if released else 0, text, d.start))
            continue
        if d.done is not None and not any(s in f.held(thread, d.done.t) for s in held):
            release = [a for a in f.acquired(thread, kind="sem_release")
                       if a.sem in held and a.t < d.done.t]
            early = released_before_sleep(run, f, thread, release[-1], d.done.t)
            found.append((d.done.t - release[-1].t,
                          "%s printed `完成下载 %d` at %.2f s, after it had released the "
                          "semaphore (at %.2f s%s)%s: another download could start before this "
                          "one said it was done" % (
                              who(thread), d.number, d.done.t, release[-1].t,
                              at_line(release[-1].event), early), d.done))
    if not found:
        return None
    found.sort(key=lambda x: -x[0])
    return found[0][1], found[0][2]


def why_more(run, f):
    """Why more than three downloads could run at once: (text, hint)."""
    if not f.sems:
        return ("your file made no threading.Semaphore, so nothing held the threads back",
                "sem = threading.Semaphore(3) at module level; in download(), `with sem:` "
                "around its three lines.")
    shared = f.shared()
    if shared and shared[0].value is not None and shared[0].value > LIMIT:
        return lets_in(shared[0]), VALUE_HINT
    over = f.over_released(shared[0]) if shared else None
    if over:
        return over_release_text(run, *over), OVER_HINT
    if shared:
        return ("", "Hold the semaphore around all three lines of a download: `with sem:`.")
    threads = f.runners()
    users = {}
    for t in threads:
        for a in f.acquired(t):
            users.setdefault(a.sem, set()).add(id(t))
    if threads and all(f.acquired(t) for t in threads) and all(len(u) == 1 for u in users.values()):
        first = f.sems[0]
        return ("each download thread acquired a semaphore of its own (%d were made, the first "
                "%s), so no thread ever waited for another" % (len(f.sems), first.where()),
                "Make the semaphore once, at module level, so that all ten threads share it.")
    without = [t for t in threads if not f.acquired(t)]
    if without:
        d = next(d for d in f.listed() if d.thread is without[0])
        return ("%s ran download %d without acquiring any semaphore" % (who(without[0]), d.number),
                "Every download must hold the one shared semaphore: `with sem:` in download().")
    return ("", "One shared threading.Semaphore(3), held around each whole download.")


def why_fewer(run, f):
    """Why the downloads ran one after another: (text, hint)."""
    threads = f.runners()
    if threads and all(t.name == "MainThread" for t in threads):
        direct = run.events_of("thread_run_direct", pid=run.main_pid)
        if direct:
            return ("every download ran in the main thread, one after another: main called "
                    "t.run()%s instead of t.start(), and t.run() runs the target in the calling "
                    "thread" % line_at(direct[0].at),
                    "Call t.start() for each thread: it starts a new thread that runs download(i).")
        return ("every download ran in the main thread, one after another",
                "Run each download in its own threading.Thread(target=download, args=(i,)) "
                "and start() it.")
    joins = f.joins_before_last_start()
    if joins:
        return ("main joined a thread%s before starting the next one, so the threads could not "
                "overlap" % line_at(joins[0].at),
                "Start all ten threads first, then join them all in a second loop.")
    lock = f.lock_held()
    if lock:
        return ("the download threads held the threading.Lock made%s: a Lock lets one thread in "
                "at a time" % line_at(lock.at),
                "Use sem = threading.Semaphore(3) instead of a Lock: it lets three in at once.")
    shared = f.shared()
    if shared and shared[0].value is not None and shared[0].value < LIMIT:
        return lets_in(shared[0], "only "), VALUE_HINT
    paced = paced_starts(run)
    if paced:
        return PACED % paced, PACED_HINT
    return ("", "Start all ten threads, then join them; hold sem = threading.Semaphore(3) "
                "around each download.")


PACED = ("main slept between starting one thread and the next (%s), as long as a download or "
         "longer: time enough for each download to finish before the next began")
PACED_HINT = "Start all ten threads at once; the semaphore decides how many download at the " \
             "same time."


def paced_starts(run, least=None):
    """'`time.sleep(1)` at line 20', when between each two of main's thread starts
    main slept at least LEAST seconds (by default: as long as the shortest sleep of
    a download thread); else None (the program's own order, not the scheduler)."""
    main = [e for e in run.events_of("sleep", pid=run.main_pid) if e.thread == "MainThread"]
    naps = [e.secs for e in run.events_of("sleep", pid=run.main_pid)
            if e.thread != "MainThread" and e.secs is not None]
    starts = [e.t for e in run.events_of("thread_start", pid=run.main_pid)
              if e.thread == "MainThread"]
    if len(starts) < 2 or not naps or any(e.secs is None for e in main):
        return None
    gaps = [sum(e.secs for e in main if a < e.t < b) for a, b in zip(starts, starts[1:])]
    if min(gaps) < (min(naps) if least is None else least):
        return None
    return ", ".join(sorted({"`%s` at line %d" % (e.at.code, e.at.line) for e in main
                             if e.at and starts[0] < e.t < starts[-1]}))


def spaced_a_download_apart(run, f):
    """paced_starts, when main slept between each two starts at least as long as
    the longest download thread slept in all: then downloads that overlapped can
    only have run late."""
    longest = max((sum(e.secs or 0 for e in naps) for thread, naps in
                   ((t, f.sleeps.get(id(t), [])) for t in f.runners())
                   if thread.name != "MainThread"), default=0)
    return paced_starts(run, longest) if longest else None


def with_cause(text, cause):
    return text + (": " + cause if cause else "")


# -- the checks -------------------------------------------------------------------
@check(2, "downloads 0 to 9 each start and finish, each in a thread of its own",
       "下载 0 到 9 都开始并完成，每个都在自己的线程里")
def all_downloads(run):
    f = facts(run)
    if not f.downloads and not f.strays:
        raise Mistake("each download i prints `开始下载 i` and `完成下载 i`",
                      "no line `开始下载 i` or `完成下载 i` was printed",
                      "print('开始下载 %d' % i), time.sleep(0.5), print('完成下载 %d' % i)")
    if f.strays:
        line = f.strays[0]
        raise Mistake("the downloads are numbered 0 to 9",
                      "%s printed `%s`" % (run.who(line.pid, line.thread), line.text.strip()),
                      "for i in range(10): one thread with args=(i,) each.", lines=f.strays[:3])
    for n in range(COUNT):
        d = f.downloads.get(n) or Download(n)
        for lines, word in ((d.starts, "开始"), (d.dones, "完成")):
            if len(lines) != 1:
                raise Mistake("download %d prints `%s下载 %d` once" % (n, word, n),
                              "`%s下载 %d` was printed %s" % (
                                  word, n, "%d times" % len(lines) if lines else "never"),
                              "Start one thread per number 0..9; each prints its two lines once.",
                              lines=lines)
        if not d.complete:
            raise Mistake("download %d prints `完成下载 %d` after `开始下载 %d`" % (n, n, n),
                          "`完成下载 %d` came first" % n,
                          "print('开始下载 %d' % i), then sleep, then print('完成下载 %d' % i).",
                          lines=[d.start, d.done])
    for d in f.listed():
        line = d.start
        if line.pid != run.main_pid:
            raise Mistake("each download runs in a thread of the main process",
                          "download %d ran in %s: that is a process, not a thread"
                          % (d.number, run.who(line.pid)),
                          "Use threading.Thread(target=download, args=(i,)).", lines=[line])
        if d.thread is None:
            raise Mistake("each download runs in a threading.Thread of its own",
                          "download %d ran in a thread not started with threading.Thread"
                          % d.number,
                          "threading.Thread(target=download, args=(i,)), then start().",
                          lines=[line])
        if d.thread.name == "MainThread":
            text, hint = why_fewer(run, f)
            if "main thread" not in text:
                text, hint = ("download %d ran in the main thread" % d.number,
                              "Run each download in its own threading.Thread and start() it.")
            raise Mistake("each download runs in a thread of its own", text, hint, lines=[line])
        if d.done_thread is not d.thread:
            raise Mistake("each download prints both its lines in its own thread",
                          "`开始下载 %d` came from %s but `完成下载 %d` from %s"
                          % (d.number, who(d.thread), d.number, run.who(d.done.pid, d.done.thread)),
                          "Print both lines inside download(i), which the thread runs.",
                          lines=[d.start, d.done])
    # The thread that ran the most downloads (the lowest download first on a
    # tie) is named, so that the message does not depend on which thread the
    # scheduler happened to start first.
    ran = [[d for d in f.listed() if d.thread is thread] for thread in f.runners()]
    mine = max(ran, key=lambda mine: (len(mine), -mine[0].number), default=[])
    if len(mine) > 1:
        raise Mistake(
            "ten threads, one for each download",
            "%s ran downloads %s: %d threads ran the ten downloads" % (
                who(mine[0].thread), numbers(mine), len(f.runners())),
            "Start one threading.Thread(target=download, args=(i,)) for each i in range(10), "
            "and let a semaphore, not the number of threads, limit how many run at once.",
            lines=[d.start for d in mine])


@check(3, "at no moment do more than three downloads run",
       "任何时刻同时进行的下载都不超过三个")
def at_most_three(run):
    f = facts(run)
    running, moment = f.peak, f.peak_t
    wrong = order_problem(run, f)
    if len(running) > LIMIT:
        over = f.over_released()
        cause, hint = (over_release_text(run, *over), OVER_HINT) if over else \
            (wrong[0], ORDER_HINT) if wrong else why_more(run, f)
        raise Mistake(
            "at most three downloads run at any moment",
            with_cause("at %.2f s %d downloads were running at once (%s: each had printed its "
                       "开始 line and not yet its 完成 line)" % (
                           moment, len(running), numbers(running)), cause),
            hint, lines=[d.start for d in running])
    if wrong:
        raise Mistake("each download prints its 开始 and 完成 lines while holding the semaphore",
                      wrong[0], ORDER_HINT, lines=[wrong[1]])
    shared = f.shared()
    if shared and shared[0].value is not None and shared[0].value > LIMIT:
        s = shared[0]
        raise Mistake("at most three downloads run at any moment",
                      "this run had at most %d at once, but the semaphore %s has value %s: "
                      "Semaphore(%s) lets %s downloads run at once"
                      % (len(running), s.where(), s.value, s.value, s.value), VALUE_HINT)


@check(1, "three downloads do run at the same time",
       "确实有三个下载同时进行")
def three_at_once(run):
    f = facts(run)
    running = f.peak
    paced = spaced_a_download_apart(run, f)
    if len(running) >= LIMIT and paced:  # main spaced the starts a download apart
        raise Mistake("three downloads run at the same time",
                      "%d downloads (%s) ran at the same time only because some of them ran "
                      "late: %s" % (len(running), numbers(running), PACED % paced), PACED_HINT)
    if len(running) >= LIMIT:
        return
    if not running:
        raise Mistake("three downloads run at the same time", "no download ran")
    cause, hint = why_fewer(run, f)
    if not cause:
        shared = f.shared()
        cause = paced_by_main(run, f, shared[0]) if shared else None
        if not cause:
            return  # nothing the program did kept them apart: a busy machine's scheduler did
    raise Mistake("three downloads run at the same time",
                  with_cause("at most %d download%s ran at the same time" % (
                      len(running), "" if len(running) == 1 else "s"), cause), hint)


@check(1, "the ten downloads take about four rounds, not ten",
       "十个下载大约用四轮的时间，而不是十轮")
def about_four_rounds(run):
    f = facts(run)
    done = [d for d in f.listed() if d.complete]
    if len(done) < 2:
        raise Mistake("the ten downloads take about four rounds",
                      "fewer than two downloads printed both lines, so there is nothing to time")
    # Counted, not timed: downloads that overlap ran at the same time however
    # late a busy machine woke them (the span against the summed durations
    # failed the solution on a loaded free-threaded run) -- unless main's own
    # sleeps spaced the starts a download apart: then an overlap was only a
    # download that ran late, and the program fails whichever way the
    # scheduler went.
    overlapped = [(a, b) for a in done for b in done
                  if a.number < b.number and a.start.t < b.done.t and b.start.t < a.done.t]
    paced = spaced_a_download_apart(run, f)
    if overlapped and not paced:
        return
    cause, hint = (PACED % paced, PACED_HINT) if overlapped else why_fewer(run, f)
    if not cause:
        return  # nothing in the program kept them apart: the scheduler did, this time
    total = sum(d.done.t - d.start.t for d in done)
    span = max(d.done.t for d in done) - min(d.start.t for d in done)
    one = total / len(done)
    raise Mistake(
        "the ten downloads take about four rounds (three at a time), not ten (one at a time)",
        with_cause("from the first 开始 line to the last 完成 line took %.2f s, and one download "
                   "took %.2f s on average: that is %.1f rounds for %d downloads, %s" % (
                       span, one, span / one if one else 0, len(done),
                       "at least as long as all of them one after another" if not overlapped
                       else "though downloads %d and %d overlapped, only because one of them "
                       "ran late" % (overlapped[0][0].number, overlapped[0][1].number)),
                   cause),
        hint)


@check(2, "the limit comes from one threading.Semaphore(3) that every download thread acquires",
       "限制来自一个 threading.Semaphore(3)，每个下载线程都获取它")
def semaphore_limits(run):
    f = facts(run)
    threads = f.runners()
    if not f.sems:
        joins = f.joins_before_last_start()
        lock = f.lock_held()
        busy = [t for t in threads if sum(d.thread is t for d in f.listed()) > 1]
        if joins:
            got = ("main started the threads a few at a time and joined them (join%s) before "
                   "starting the next ones: the limit came from main's batches, and your file "
                   "made no threading.Semaphore" % line_at(joins[0].at))
            hint = ("The exercise is about a Semaphore: start all ten threads at once, then join "
                    "them all, and let sem = threading.Semaphore(3) (`with sem:` in download()) "
                    "keep all but three of them waiting.")
        elif lock:
            got = ("your file made no threading.Semaphore; the download threads held the "
                   "threading.Lock made%s instead, which lets one thread in at a time"
                   % line_at(lock.at))
            hint = "sem = threading.Semaphore(3) instead of the Lock: it lets three in at once."
        elif busy:
            got = ("your file made no threading.Semaphore: %d threads ran the ten downloads, so "
                   "the number of threads made the limit" % len(threads))
            hint = ("Start ten threads, one per download, and let sem = threading.Semaphore(3) "
                    "(`with sem:` in download()) keep all but three of them waiting.")
        else:
            got = "your file made no threading.Semaphore"
            hint = ("sem = threading.Semaphore(3) at module level; `with sem:` around the three "
                    "lines of download().")
        raise Mistake(ONE_SEMAPHORE, got, hint)
    shared = f.shared()
    if not shared:
        cause, hint = why_more(run, f)
        if not cause:
            cause = "no semaphore was acquired by every download thread"
        raise Mistake(ONE_SEMAPHORE, cause, hint)
    right = [s for s in shared if s.value == LIMIT]
    if not right:
        raise Mistake(ONE_SEMAPHORE, lets_in(shared[0]) + ", the exercise asks for three",
                      VALUE_HINT)
    s = right[0]
    for thread in threads:
        acquires = [a.event for a in f.acquired(thread, s)]
        releases = [a.event for a in f.acquired(thread, s, kind="sem_release")]
        if len(releases) < len(acquires):
            raise Mistake(
                "each download thread releases the semaphore when its download is done",
                "%s acquired the semaphore %s %s (at %s) and %s" % (
                    who(thread), s.where(), times(len(acquires)), lines_of(acquires),
                    "never released it" if not releases else "released it only %s (at %s)"
                    % (times(len(releases)), lines_of(releases))),
                "`with sem:` releases it for you, also when the block raises.",
                events=acquires[len(releases):])
    over = f.over_released(s)
    if over:
        thread, acquires, releases = over[1]
        raise Mistake("each thread releases the semaphore once for each acquire",
                      over_release_text(run, s, over[1]), OVER_HINT,
                      events=releases[len(acquires):])
    paced = paced_by_main(run, f, s)
    if paced:
        raise Mistake("all ten threads started at once, and the semaphore, not main, keeps all "
                      "but three of them waiting", paced,
                      "Start all ten threads in one loop, then join them all in a second loop: "
                      "the semaphore alone lets three in and makes the others wait.")


def paced_by_main(run, f, s):
    """Why main, not the semaphore S, kept the downloads apart, or None: from main's own
    calls between two starts of download threads (a join; questions about its threads
    while no download thread ever found S full; a sleep as long as a download)."""
    starts = f.download_starts()
    if len(starts) < 2:
        return None
    first, last = starts[0].t, starts[-1].t
    names = {e.name for e in starts}
    joins = [e for e in run.events_of("thread_join", pid=run.main_pid)
             if e.thread == "MainThread" and e.name in names and first < e.t < last]
    if joins:
        # an upper bound on the threads alive, from main's calls: started, not yet joined
        alive, most, sizes, batch = set(), 0, [], 0
        for e in sorted(starts + joins, key=lambda e: e.t):
            if e.ev == "thread_start":
                alive.add(e.name)
                most = max(most, len(alive))
                batch += 1
            else:
                if not e.alive:
                    alive.discard(e.name)
                if batch:
                    sizes.append(batch)
                batch = 0
        sizes.append(batch)
        text = ("main joined a download thread at %s before starting the next ones (it started "
                "them in groups of %s, joining in between, up to its last start at %s)" % (
                    lines_of(joins[:1]), ", ".join("%d" % n for n in sizes if n),
                    lines_of(starts[-1:])))
        if most <= LIMIT:
            text += (": so never more than %d download thread%s alive at once, and the "
                     "semaphore never had a thread to hold back: main's joins, not the "
                     "semaphore, made the limit" % (most, " was" if most == 1 else "s were"))
        else:
            text += (": the exercise asks to start all ten at once and let the semaphore keep "
                     "seven of them waiting")
        return text
    # Main asked about its threads while it started them (is_alive(),
    # active_count(), enumerate()): with nobody ever held back, main paced them.
    # Without such a fact, nobody held back proves nothing: on a loaded machine
    # main may start the ten threads so slowly that the first ones are done.
    polls = [p for p in run.main_polls if p.first < last and p.last > first]
    if polls and not f.waited(s):
        p = polls[0]
        call = {"is_alive": "is_alive() of a thread", "active_count": "threading.active_count()",
                "enumerate": "threading.enumerate()"}[p.what]
        return ("main called %s at line %d while it was starting the download threads (%s "
                "in all), and no "
                "download thread ever found the semaphore full: from its start to its acquire, "
                "fewer than %d other threads held it, so none had to wait for a place and the "
                "semaphore never held anybody back%s" % (
                    call, p.at.line, times(p.count), LIMIT,
                    "; what kept the downloads to three at once was not the semaphore"
                    if len(f.peak) <= LIMIT else ""))
    # a pause between two starts as long as a download (the downloads' own sleeps)
    download = min((sum(e.secs or 0 for e in f.sleeps.get(id(t), []))
                    for t in f.runners()), default=0)
    for before, after in zip(starts, starts[1:]):
        naps = [e for e in run.events_of("sleep", pid=run.main_pid)
                if e.thread == "MainThread" and before.t < e.t < after.t]
        if naps and download and sum(e.secs or 0 for e in naps) >= download:
            done = sum(1 for e in starts if e.t <= before.t)
            return ("main slept at %s after starting %d download thread%s, as long as a "
                    "download takes, before starting the next one: main spaced the threads out "
                    "in time, instead of starting all ten at once and letting the semaphore make "
                    "them wait" % (lines_of(naps[:1]), done, "" if done == 1 else "s"))
    return None
