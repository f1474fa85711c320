"""The grader's own words in English and 简体中文: `t(key, **values)`.

The language is GRADER_LANG (`en` or `zh`) or, when that is unset, the first
of LC_ALL, LC_MESSAGES and LANG that is set (a `zh_*` locale means Chinese);
English otherwise.  Only the frame is translated (headings, labels, the
list/hint/watch messages, titles that info.toml has in Chinese); what a check
says about a run comes from the hidden suites and stays English.
"""
import os

EN = {
    # report.py
    "file": "file",
    "ran_as": "runs as",
    "own_user": "a user of its own, which can write only its own folder",
    "grader_user": "the grader's own user: {why}",
    "not_root": "the grader is not root and may not use sudo without a password",
    "unreachable": "{python} cannot be run by another user ({error})",
    "expected": "Expected: ",
    "your_run": "Your run: ",
    "hint": "Hint: ",
    "timeline": "Your run as a timeline:",
    "same_cause": "Same cause as above: ",
    "under": "Under {methods}: ",
    "and": " and ",
    "method_default": "your Python's default start method",
    "method_spawn": "the 'spawn' start method (the default on macOS and Windows)",
    "method_forkserver": "the 'forkserver' start method (the Linux default from Python 3.14)",
    "method_fork": "the 'fork' start method",
    "score": "Score",
    "all_passed": "All checks passed. 全部通过!",
    "next_fix": "Next: fix \"{title}\", then run `make check EX={name}` again.",
    "stuck": "Stuck? `make hint EX={name}` shows a hint.",
    "picture_at": "A picture of each run, in a page: {path}",
    "pic_process": "process",
    "pic_thread": "thread",
    "pic_tick": "printed line (red: named by a failed check)",
    "pic_wait": "waits for a lock",
    "pic_sleep": "sleep",
    "pic_start": "start",
    "pic_set": "event set",
    "pic_cross": "error or signal",
    "pic_holder": "to the thread that held the lock",
    "pic_hold": "holds a lock (up to 200 stretches per thread)",
    "pic_scaled": "times in your program's own seconds; the grader ran its sleeps {factor}× "
                  "faster",
    "pic_join": "joined",
    "pic_pool": "pool task",
    "pic_hand": "a queue's item, from put to get",
    "pic_sem": "how many hold a semaphore (dotted: its limit)",
    "pic_marked": "a record named by a failed check",
    "pic_lines": "printed lines",
    "pic_drawn": "the first {drawn} of {total} lines printed are drawn",
    "col_exercise": "exercise",
    "col_checks": "checks passed",
    "col_points": "points",
    "total": "total",
    # classroom50.py (the Release body on Classroom 50)
    "c50_check": "check",
    "c50_result": "result",
    "c50_mode_check": "Each check passed earns its points.",
    "c50_mode_exercise": "An exercise earns its points when every one of its checks passes.",
    "c50_cut": "(The rest of the report was left out: it was too long for a Release.)",
    "c50_page": "A picture of each run is in the page `{page}`, which your teacher can attach "
                "to this Release: if it is listed under **Assets**, download it and open it in a "
                "browser.",
    # progress.py (make list)
    "col_title": "title",
    "col_status": "status",
    "done": "done",
    "not_yet": "not yet",
    "missing": "missing file",
    "n_done": "{done}/{total} done",
    "no_src": "There is no folder {src}: give --src a folder laid out like exercises/.",
    "all_done": "All {total} exercises pass. Congratulations! 恭喜你全部完成!",
    "next_up": "Next up: {name} ({title})",
    "next_file": "  edit      {file}",
    "next_check": "  grade it  make check EX={name}{src}",
    "next_hint": "  a hint    make hint EX={name}",
    "next_watch": "  or run    make watch{src}   (grades it each time you save)",
    # hints.py (make hint)
    "hint_which": "Which exercise? Say e.g. `make hint EX=03_daemon`. The exercises: {names}",
    "no_exercise": "There is no exercise called {name!r}. The exercises: {names}",
    "no_hints": "{name} has no hints.",
    "hints_of": "Hints for {name}: {title} ({shown} of {total})",
    "hint_more": "Still stuck? Run `make hint EX={name}` again for hint {next} of {total}.",
    "hint_last": "That was the last hint: all {total} are shown.",
    "hint_all_shown": "All {total} hints are shown. `python -m grader hint {name} --reset` starts over.",
    "hint_unsaved": "(Could not remember which hints you saw in {file}: {error})",
    # watch.py (make watch)
    "watching": "Watching {file}: save it to grade it again. Ctrl-C stops.",
    "grading": "Grading {name} ...",
    "everything": "every exercise",
    "passed_next": "{name} passes! On to {next}.",
    "watch_done": "Every exercise passes. Congratulations! 恭喜你全部完成!",
    "watch_stopped": "Stopped watching.",
    "watch_fallback": "File events do not work here ({error}); checking the file every {interval} s instead.",
    "watch_failed": "Cannot watch {src}: {error}",
}

ZH = {
    "file": "文件",
    "ran_as": "运行身份",
    "own_user": "独立的用户，只能写入它自己的文件夹",
    "grader_user": "评分器自己的用户：{why}",
    "not_root": "评分器不是 root，也不能免密码使用 sudo",
    "unreachable": "其他用户无法运行 {python}（{error}）",
    "expected": "期望：",
    "your_run": "你的运行：",
    "hint": "提示：",
    "timeline": "你的运行时间线：",
    "same_cause": "原因同上：",
    "under": "在{methods}下：",
    "and": "和",
    "method_default": "你的 Python 默认的启动方式",
    "method_spawn": "'spawn' 启动方式（macOS 和 Windows 的默认）",
    "method_forkserver": "'forkserver' 启动方式（Python 3.14 起 Linux 的默认）",
    "method_fork": "'fork' 启动方式",
    "score": "得分",
    "all_passed": "全部检查通过! All checks passed.",
    "next_fix": "下一步：修正「{title}」，然后再运行 `make check EX={name}`。",
    "stuck": "卡住了? `make hint EX={name}` 给出提示。",
    "picture_at": "每次运行的图示（网页）：{path}",
    "pic_process": "进程",
    "pic_thread": "线程",
    "pic_tick": "打印的一行（红色：未通过的检查所指的行）",
    "pic_wait": "等待锁",
    "pic_sleep": "睡眠",
    "pic_start": "启动",
    "pic_set": "事件被设置",
    "pic_cross": "出错或被信号终止",
    "pic_holder": "指向持有这把锁的线程",
    "pic_hold": "持有锁（每个线程最多画 200 段）",
    "pic_scaled": "时间按你的程序自己的秒数计；评分时程序中的睡眠加快了 {factor} 倍",
    "pic_join": "join 等待结束",
    "pic_pool": "进程池/线程池的任务",
    "pic_hand": "队列中的一项，从 put 到 get",
    "pic_sem": "持有信号量的数量（虚线：上限）",
    "pic_marked": "未通过的检查所指的记录",
    "pic_lines": "打印的内容",
    "pic_drawn": "只画出了打印的 {total} 行中的前 {drawn} 行",
    "col_exercise": "练习",
    "col_checks": "通过的检查",
    "col_points": "得分",
    "total": "合计",
    "c50_check": "检查",
    "c50_result": "结果",
    "c50_mode_check": "每通过一项检查就得到该项的分数。",
    "c50_mode_exercise": "一个练习的所有检查都通过时，才得到该练习的分数。",
    "c50_cut": "（报告太长，Release 放不下，其余部分已省略。）",
    "c50_page": "每次运行的图示在网页 `{page}` 中，老师可以把它附加到这个 Release：如果它出现在 "
                "**Assets** 下，请下载后用浏览器打开。",
    "col_title": "标题",
    "col_status": "状态",
    "done": "完成",
    "not_yet": "未完成",
    "missing": "缺少文件",
    "n_done": "完成 {done}/{total}",
    "no_src": "没有文件夹 {src}：--src 要给一个结构和 exercises/ 一样的文件夹。",
    "all_done": "全部 {total} 个练习都通过了。恭喜你全部完成! Congratulations!",
    "next_up": "下一个：{name}（{title}）",
    "next_file": "  编辑    {file}",
    "next_check": "  评分    make check EX={name}{src}",
    "next_hint": "  提示    make hint EX={name}",
    "next_watch": "  或运行  make watch{src}   （每次保存都自动评分）",
    "hint_which": "哪个练习? 例如 `make hint EX=03_daemon`。练习有：{names}",
    "no_exercise": "没有叫 {name!r} 的练习。练习有：{names}",
    "no_hints": "{name} 没有提示。",
    "hints_of": "{name} 的提示：{title}（第 {shown} 条，共 {total} 条）",
    "hint_more": "还是卡住? 再运行 `make hint EX={name}` 看第 {next} 条提示（共 {total} 条）。",
    "hint_last": "这是最后一条提示：{total} 条全部显示了。",
    "hint_all_shown": "{total} 条提示全部显示了。`python -m grader hint {name} --reset` 从头开始。",
    "hint_unsaved": "（无法在 {file} 中记下看过的提示：{error}）",
    "watching": "正在监视 {file}：保存文件就会重新评分。按 Ctrl-C 退出。",
    "grading": "正在评分 {name} ...",
    "everything": "所有练习",
    "passed_next": "{name} 通过了! 下一个：{next}。",
    "watch_done": "所有练习都通过了。恭喜你全部完成! Congratulations!",
    "watch_stopped": "已停止监视。",
    "watch_fallback": "这里文件事件不可用（{error}）；改为每 {interval} 秒检查一次文件。",
    "watch_failed": "无法监视 {src}：{error}",
}

MESSAGES = {"en": EN, "zh": ZH}


def lang():
    """'zh' or 'en', from GRADER_LANG or else the locale variables."""
    for var in ("GRADER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def t(key, **values):
    """The text KEY in the current language, with VALUES filled in."""
    return MESSAGES[lang()].get(key, EN[key]).format(**values)


def chinese():
    return lang() == "zh"


def title(ex):
    """An exercise's title in the current language."""
    return ex.title_zh if chinese() and ex.title_zh else ex.title


def check_title(ex, name, default):
    """The title of EX's check NAME in the current language (DEFAULT if unknown)."""
    check = ex.check(name)
    zh = getattr(check, "title_zh", "") if check is not None else ""
    return zh if chinese() and zh else default


def hints(ex):
    """An exercise's hints in the current language."""
    zh = getattr(ex, "hints_zh", None)
    return zh if chinese() and zh else ex.hints
