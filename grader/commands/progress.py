"""`python -m grader list`: grade every exercise once and show the student's
progress as a table, then what to do next (like rustlings' list)."""
import os
from pathlib import Path

from grader.grading import exercise as exercises
from grader.grading.grade import grade_all
from grader.i18n import t, title
from grader.report.text import table


def arguments(parser):
    parser.add_argument("--src", default=str(exercises.EXERCISES),
                        help="folder laid out like exercises/ (default: exercises/)")


def grade_everything(src):
    """One ExerciseResult per exercise, for its file in SRC (all graded at once)."""
    chosen = [exercises.load(name) for name in exercises.names()]
    return grade_all([(ex, ex.student_file(src)) for ex in chosen])


def first_not_done(results, after=None):
    """The first result that does not pass, starting after exercise AFTER
    (and wrapping round); None when all pass."""
    names = [r.exercise.name for r in results]
    start = names.index(after) + 1 if after in names else 0
    for r in results[start:] + results[:start]:
        if not r.passed:
            return r
    return None


def status(result):
    if result.passed:
        return t("done")
    return t("missing") if not Path(result.file).exists() else t("not_yet")


def shown_path(path):
    """PATH relative to the current directory when it is inside it."""
    rel = os.path.relpath(path)
    return os.path.abspath(path) if rel.startswith("..") else rel


def src_option(src):
    """` SRC=..` for make commands when SRC is not the default folder."""
    default = Path(exercises.EXERCISES).resolve()
    return "" if Path(src).resolve() == default else " SRC=%s" % src


def progress_text(results, src):
    rows = [(t("col_exercise"), t("col_title"), t("col_status"), t("col_points"))]
    for r in results:
        rows.append((r.exercise.name, title(r.exercise), status(r),
                     "%d/%d" % (r.score, r.exercise.points)))
    done = sum(r.passed for r in results)
    total = (t("total"), "", t("n_done", done=done, total=len(results)),
             "%d/%d" % (sum(r.score for r in results), sum(r.exercise.points for r in results)))
    out = ["", table(rows, total), ""]
    nxt = first_not_done(results)
    if nxt is None:
        out.append(t("all_done", total=len(results)))
        return "\n".join(out)
    ex = nxt.exercise
    out += [t("next_up", name=ex.name, title=title(ex)),
            t("next_file", file=shown_path(ex.student_file(src))),
            t("next_check", name=ex.name, src=src_option(src)),
            t("next_hint", name=ex.name),
            t("next_watch", src=src_option(src))]
    return "\n".join(out)


def run(args):
    if not Path(args.src).is_dir():
        print(t("no_src", src=args.src))
        return 2
    print(progress_text(grade_everything(args.src), args.src))
    return 0
