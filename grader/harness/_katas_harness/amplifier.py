"""The race amplifier (GRADER_AMPLIFY=chance): threads of the student's file
are switched often and, at a random CHANCE of its instructions, pause for a
moment, so an unguarded read-modify-write loses updates in a short run; and
every write to a global or an attribute of the file is counted with the locks
the writing thread held (locks.unguarded), raced or not."""
import sys
import threading

from . import locks, mplocks
from .core import is_student, lookup, own, real_sleep

tool = 4  # the sys.monitoring tool id (3.12+)
rngs = {}  # thread ident -> its own Random (a shared one is locked by every call)
chance = 0.05
Random = None  # random.Random, imported by install
store_offsets = {}  # code -> its stores (stores_of)


def switch_now():
    """Whether to give the other threads a chance at this instruction: not
    while another thread waits and this one holds a lock of the file's (it may
    be the lock the other waits for: pausing would only make it wait longer,
    and without a GIL a waiter spins).  A thread that holds a lock nobody waits
    for still pauses, so two threads that take two locks in opposite orders
    still meet half-way.  Nor while it holds a multiprocessing lock: who waits
    for one is not known here (whether the writes to a Value held a shared lock
    is recorded, so the verdict does not rest on a lost update happening)."""
    tid = threading.get_ident()
    if (locks.waiting and lookup(locks.held, tid)) or lookup(mplocks.mp_held, tid):
        return False
    return own(rngs, Random).random() < chance


def stores_of(code):
    """offset -> (global name, line) of each STORE_GLOBAL and STORE_ATTR in CODE."""
    found = lookup(store_offsets, code)
    if found is None:
        import dis
        found, line = {}, code.co_firstlineno
        for ins in dis.get_instructions(code):
            line = getattr(getattr(ins, "positions", None), "lineno", None) or \
                getattr(ins, "line_number", ins.starts_line) or line  # 3.13: a bool
            if ins.opname in ("STORE_GLOBAL", "STORE_ATTR"):  # g_balance, a.balance
                found[ins.offset] = (ins.argval if ins.opname == "STORE_GLOBAL"
                                     else "." + ins.argval, line)
        store_offsets[code] = found
    return found


def on_instruction(code, offset):
    store = lookup(stores_of(code), offset)
    if store is not None:
        locks.unguarded_store(store[0], code.co_name, store[1])
    if switch_now():
        real_sleep(1e-6)


def watch_with_monitoring():
    mon = sys.monitoring
    mon.use_tool_id(tool, "grader-amplifier")

    def on_start(code, offset):
        if is_student(code.co_filename):
            mon.set_local_events(tool, code, mon.events.INSTRUCTION)
        return mon.DISABLE

    mon.register_callback(tool, mon.events.PY_START, on_start)
    mon.register_callback(tool, mon.events.INSTRUCTION, on_instruction)
    mon.set_events(tool, mon.events.PY_START)


def watch_with_settrace():
    def local(frame, event, arg):
        if event == "opcode":
            store = lookup(stores_of(frame.f_code), frame.f_lasti)
            if store is not None:
                locks.unguarded_store(store[0], frame.f_code.co_name, frame.f_lineno)
            if switch_now():
                real_sleep(1e-6)
        return local

    def tracer(frame, event, arg):
        if event == "call" and is_student(frame.f_code.co_filename):
            frame.f_trace_opcodes = True
            return local
        return None

    sys.settrace(tracer)
    threading.settrace(tracer)


def install(amplify):
    global chance, Random
    from random import Random
    chance = float(amplify)
    sys.setswitchinterval(1e-6)
    if sys.version_info >= (3, 12):
        watch_with_monitoring()
    else:
        watch_with_settrace()
