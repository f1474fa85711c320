"""`python -m grader hint EXERCISE`: an exercise's hints from its info.toml,
one more each time it is asked (the first call shows hint 1, the next hints 1
and 2, ...).  How many were shown is kept per exercise in STATE_FILE in the
current directory; `--reset` starts over, `--all` shows every hint."""
import json
from pathlib import Path

from grader.grading import exercise as exercises
from grader.i18n import hints as hints_of, t, title

STATE_FILE = ".grader-hints.json"


def arguments(parser):
    parser.add_argument("exercise", nargs="?", help="e.g. 03_daemon (or 03)")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--reset", action="store_true",
                     help="forget the hints shown so far and show the first one again")
    how.add_argument("--all", action="store_true", help="show every hint")


def load_state(path):
    try:
        state = json.loads(Path(path).read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def save_state(path, state):
    """Write STATE; a message when it cannot be written (the hints are shown anyway)."""
    try:
        Path(path).write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    except OSError as e:
        return t("hint_unsaved", file=path, error=e.strerror or e)
    return None


def hint_text(ex, seen, show_all=False):
    """The text for EX when SEEN hints were shown before; and the new count."""
    hints = hints_of(ex)
    if not hints:
        return t("no_hints", name=ex.name), seen
    already_all = seen >= len(hints)
    shown = len(hints) if show_all else min(len(hints), seen + 1)
    out = [t("hints_of", name=ex.name, title=title(ex), shown=shown, total=len(hints)), ""]
    out += ["%2d. %s" % (i, h) for i, h in enumerate(hints[:shown], 1)]
    out.append("")
    if shown < len(hints):
        out.append(t("hint_more", name=ex.name, next=shown + 1, total=len(hints)))
    elif already_all:
        out.append(t("hint_all_shown", name=ex.name, total=len(hints)))
    else:
        out.append(t("hint_last", total=len(hints)))
    return "\n".join(out), max(seen, shown)


def run(args):
    names = ", ".join(exercises.names())
    if not args.exercise:
        print(t("hint_which", names=names))
        return 2
    ex = exercises.find(args.exercise)
    if ex is None:
        print(t("no_exercise", name=args.exercise, names=names))
        return 2
    state = load_state(STATE_FILE)
    seen = 0 if args.reset else state.get(ex.name, 0)
    text, state[ex.name] = hint_text(ex, seen if isinstance(seen, int) else 0, args.all)
    print(text)
    problem = save_state(STATE_FILE, state)
    if problem:
        print(problem)
    return 0
