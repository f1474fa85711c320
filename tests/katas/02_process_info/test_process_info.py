"""Hidden suite of 02_process_info: printed pids are checked against the real
pids of the printing processes, recorded by the harness inside each one."""
import re

from grader.kata import Mistake, check

JOBS = {"cook": "做饭进程", "wash": "洗衣服进程"}


def one_line(run, label, what):
    """The one stdout line `<label>: <number>`, and its number."""
    rx = re.compile(r"^\s*%s\s*[:：]\s*(-?\d+)\s*$" % re.escape(label))
    matches = ((line, rx.match(line.text)) for line in run.lines if line.stream == "stdout")
    found = [(line, int(m.group(1))) for line, m in matches if m]
    if not found:
        raise Mistake("a line `%s: <%s>`" % (label, what),
                      "no process printed a line `%s: <number>`" % label)
    if len(found) > 1:
        raise Mistake("one line `%s: ...`" % label,
                      "`%s` was printed %d times, by %s" % (
                          label, len(found), ", ".join(run.who(l.pid) for l, _ in found)),
                      "Print it once, in the process it is about.", lines=[l for l, _ in found])
    return found[0]


def whose(run, number):
    proc = run.proc(number)
    if proc and proc.role != "helper":
        return " (that is %s)" % proc.describe()
    if proc is None:
        return ", which is no process of your program"
    return ""


@check(1, "main prints its own pid", "主进程打印自己的 pid")
def main_pid(run):
    line, number = one_line(run, "主进程pid", "main's pid")
    if line.pid != run.main_pid:
        raise Mistake("the main process prints `主进程pid: <its pid>`",
                      "it was printed by %s" % run.who(line.pid, line.thread),
                      "Print it in the main block, before starting the processes.", lines=[line])
    if number != run.main_pid:
        main_parent = next((e.os_ppid for e in run.events_of("interp", pid=run.main_pid)), None)
        if number == main_parent:
            raise Mistake("主进程pid: %d (the main process's real pid)" % run.main_pid,
                          "main printed %d: that is the pid of main's own parent (the program "
                          "that ran yours), which is what os.getppid() returns" % number,
                          "Print os.getpid(): the pid of the process that calls it.", lines=[line])
        raise Mistake("主进程pid: %d (the main process's real pid)" % run.main_pid,
                      "main printed %d%s" % (number, whose(run, number)),
                      "Print os.getpid() instead of a fixed number.", lines=[line])


def job_pid(run, job):
    """The process that printed JOB's own pid, checked."""
    label = JOBS[job] + "pid"
    line, number = one_line(run, label, job + "'s own pid")
    proc = run.proc(line.pid)
    if line.pid == run.main_pid or proc is None or proc.role not in ("child", "forked"):
        raise Mistake("%s prints its pid from its own child process" % job,
                      "`%s` was printed by %s" % (label, run.who(line.pid, line.thread)),
                      "Run %s in a multiprocessing.Process and print os.getpid() inside %s."
                      % (job, job), lines=[line])
    if number != proc.pid:
        why = ""
        if number == proc.os_ppid and number != proc.starter:
            why = (": that is the pid of the fork server, %s's parent in the operating system "
                   "(what os.getppid() returns in %s), not %s's own pid" % (job, job, job))
        elif number == run.main_pid:
            why = (": that is the main process's pid, not %s's own: either it was taken in main "
                   "(os.getpid() called in main) or it is %s's parent (os.getppid())" % (job, job))
        raise Mistake("%s: %d (the pid of the process that printed it)" % (label, proc.pid),
                      "%s printed %d%s" % (proc.describe(), number, why or whose(run, number)),
                      "Call os.getpid() inside %s itself: each process has its own pid." % job,
                      lines=[line])
    return proc


@check(3, "cook and wash each print their own pid", "cook 和 wash 各自打印自己的 pid")
def child_pids(run):
    cook, wash = job_pid(run, "cook"), job_pid(run, "wash")
    if cook.pid == wash.pid:
        raise Mistake("cook and wash run in two different processes",
                      "both ran in %s" % cook.describe())


@check(3, "cook and wash print the pid of the process that started them",
       "cook 和 wash 打印启动它们的进程的 pid")
def parent_pids(run):
    for job in ("cook", "wash"):
        proc = job_pid(run, job)
        label = JOBS[job] + "父进程pid"
        line, number = one_line(run, label, "the pid of the process that started %s" % job)
        if line.pid != proc.pid:
            raise Mistake("%s prints `%s` from its own process" % (job, label),
                          "it was printed by %s" % run.who(line.pid, line.thread), lines=[line])
        if number == proc.starter:
            continue
        if number == proc.os_ppid and proc.start_method == "forkserver":
            raise Mistake(
                "%s: %d (the process that started %s)" % (label, proc.starter, job),
                "%s printed %d, the pid of the fork server. Under this start method every "
                "child is forked by a helper process, the fork server, so os.getppid() names "
                "that helper, not your main process"
                % (proc.describe(), number),
                "Use multiprocessing.parent_process().pid: it is the process that started this "
                "one under every start method.", lines=[line])
        raise Mistake("%s: %d (the process that started %s)" % (label, proc.starter, job),
                      "%s printed %d%s" % (proc.describe(), number, whose(run, number)),
                      "Ask inside %s: multiprocessing.parent_process().pid." % job, lines=[line])
