"""multiprocessing.Value made by the student's file: where each was made,
and which multiprocessing locks a thread held while it wrote one.  That is a
fact of every run, raced or not: a write with none (or with a lock no other
process shares) is a lost update waiting to happen.  Each thread counts its
own writes; a process reports them all as it ends."""
import threading

from . import core
from .core import called_from_student, caller_in_student, emit, lookup, name_of, own
from .mplocks import mp_held, semlock_key

value_writes = {}  # thread ident -> {(value, func, line, held lock keys): count}


def held_keys():
    return tuple(sorted({semlock_key(l) for l in lookup(mp_held, threading.get_ident(), ())}))


def value_key(v):
    try:
        return semlock_key(v.get_lock())
    except Exception:
        return None


def emit_value_writes():
    total = {}
    for mine in list(value_writes.values()):
        for key, n in list(mine.items()):
            total[key] = total.get(key, 0) + n
    value_writes.clear()
    if total:
        emit("value_writes", writes=[
            {"value": v, "func": func, "line": line, "locks": list(keys), "count": n}
            for (v, func, line, keys), n in sorted(total.items(), key=repr)])


def install():
    import multiprocessing.sharedctypes as shared
    orig_value = shared.Value

    def Value(typecode_or_type, *args, **kwargs):
        made = orig_value(typecode_or_type, *args, **kwargs)
        at = called_from_student("multiprocessing")
        if at:
            has_lock = hasattr(made, "get_lock")
            emit("value_made", value=value_key(made) if has_lock else None,
                 typecode=typecode_or_type if isinstance(typecode_or_type, str)
                 else name_of(typecode_or_type), lock=has_lock, at=at)
        return made

    shared.Value = Value
    prop = shared.Synchronized.value

    def setvalue(self, new):  # multiprocessing's own setter has this name
        at = caller_in_student()
        if at:
            key = (value_key(self), at["func"], at["line"], held_keys())
            mine = own(value_writes, dict)  # each thread counts its own: none is lost
            mine[key] = lookup(mine, key, 0) + 1
        prop.fset(self, new)

    shared.Synchronized.value = property(prop.fget, setvalue)
    core.process_ending.append(emit_value_writes)
    core.after_fork.append(value_writes.clear)  # the parent's writes are the parent's to report
