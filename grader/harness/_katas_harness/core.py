"""What every concern of the harness shares: the run's settings, the trace
file and `emit`, where in the student's file a call comes from, and the hooks
through which a concern adds to what another one records.

Nothing here patches anything; `install` opens the trace file and reads the
settings the runner gave in the environment."""
import os
import sys
import threading
import time

monotonic = time.monotonic
real_sleep = time.sleep  # time.sleep as Python made it, before the harness scales it
PACKAGE = os.path.dirname(os.path.abspath(__file__))  # frames here are the harness's own

fd = None  # the trace file
student = ""  # the real path of the student's file
scale = 1.0  # the program's time runs this much faster (sleeps are multiplied by it)
workdir = None  # the run's folder (stack dumps, marks that processes have begun)
source = b""  # the start of the student's file
to_json = None


def install(environ=os.environ):
    global fd, student, scale, workdir, source, to_json
    to_json = json_encoder()
    fd = os.open(environ["GRADER_TRACE"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    student = os.path.realpath(environ.get("GRADER_STUDENT_FILE", ""))
    scale = float(environ.get("GRADER_TIME_SCALE", "1"))
    workdir = environ.get("GRADER_STACKS")
    try:
        with open(student, "rb") as f:
            source = f.read(200000)
    except OSError:
        source = b""


# -- records ---------------------------------------------------------------------
def write(rec):
    """One record, as one line of JSON in one os.write (O_APPEND: records of many
    processes never tear)."""
    try:
        os.write(fd, (to_json(rec) + "\n").encode("utf-8"))
    except OSError:
        pass


def emit(ev, **fields):
    """Record event EV (one of schema.EVENTS) of the calling thread, now."""
    tid = threading.get_ident()
    thread = lookup(threading._active, tid)  # current_thread() would invent a dummy
    rec = {"ev": ev, "t": monotonic(), "pid": os.getpid(),
           "thread": thread.name if thread else None, "tid": tid}
    rec.update(fields)
    write(rec)


def recording(what, record):
    """RECORD() (which gathers facts and emits them), or, if it fails, a record
    that the grader's own recording failed: the checks then judge nothing
    rather than a run with facts missing."""
    try:
        record()
    except Exception as e:
        emit("harness_error", what=what, error="%s: %s" % (type(e).__name__, str(e)[:200]))


def json_encoder():
    """A function that writes a record as one line of JSON (what it cannot
    write, as its repr()): json's own C encoder, as json.dumps uses it, where it
    answers as expected -- `import json` also compiles regular expressions and
    builds enums, which every process of every run would pay for."""
    try:
        import _json
        encode = _json.make_encoder(None, repr, _json.encode_basestring, None,
                                    ": ", ", ", False, False, True)
        if "".join(encode({"t": [1, 0.5, None, "\u4e2d"]}, 0)) == '{"t": [1, 0.5, null, "\u4e2d"]}':
            return lambda rec: "".join(encode(rec, 0))
    except (ImportError, AttributeError, TypeError, ValueError):
        pass
    import json
    return lambda rec: json.dumps(rec, ensure_ascii=False, default=repr)


# -- tables per thread --------------------------------------------------------------
def lookup(table, key, default=None):
    """table.get(key, default) without locking TABLE: on a free-threaded 3.13,
    dict.get locks the dict, and threads that meet there spin with
    sched_yield() -- on a busy machine each of those waits its turn."""
    return table[key] if key in table else default


def own(table, make):
    """The calling thread's entry of TABLE (thread ident -> entry), made with
    MAKE the first time: only the thread itself makes its entry."""
    tid = threading.get_ident()
    mine = lookup(table, tid)
    if mine is None:
        mine = table[tid] = make()
    return mine


def thread_name(tid):
    thread = lookup(threading._active, tid)
    return thread.name if thread else None


# -- the student's file --------------------------------------------------------------
student_files = {}  # code file name -> whether it is the student's (realpath is slow)


def is_student(filename):
    found = lookup(student_files, filename)
    if found is None:
        found = student_files[filename] = bool(filename) and os.path.realpath(filename) == student
    return found


def mentions(*words):
    """Whether the student's file names one of WORDS: modules it needs are
    patched only then (importing them costs every process of every run, and on
    a free-threaded 3.13 each module and class costs dozens of sched_yield()
    calls: a busy machine makes each one wait its turn)."""
    return any(word.encode() in source for word in words)


def running_asyncio():
    """asyncio, when an event loop runs in the calling thread (else None).
    Only for files that name asyncio: on a free-threaded 3.13 a thread's first
    look into sys.modules takes that dict's lock, and a daemon thread doing so
    while main's interpreter shuts down can be stopped there for ever, holding
    the lock that main's shutdown waits for."""
    if b"asyncio" not in source:
        return None
    asyncio = sys.modules.get("asyncio")
    if asyncio is None or asyncio.events._get_running_loop() is None:
        return None
    return asyncio


def at(frame):
    return {"line": frame.f_lineno, "func": frame.f_code.co_name}


def where(frame=None):
    """'line N in func' of the innermost frame of the student's file."""
    f = frame or sys._getframe(2)
    while f is not None:
        if is_student(f.f_code.co_filename):
            return at(f)
        f = f.f_back
    return None


def caller_in_student():
    """'line N in func' of the caller's caller, if that is the student's file
    (calls that multiprocessing makes on the student's behalf don't count)."""
    f = sys._getframe(2)
    return at(f) if is_student(f.f_code.co_filename) else None


def called_from_student(*packages):
    """'line N in func' of the nearest caller outside PACKAGES (modules such as
    multiprocessing), if that is the student's file: multiprocessing.Queue()
    reaches Queue.__init__ through the context, put_nowait through put."""
    f = sys._getframe(2)
    while f is not None and any(("/%s/" % p) in f.f_code.co_filename for p in packages):
        f = f.f_back
    return at(f) if f is not None and is_student(f.f_code.co_filename) else None


def made_in_student():
    """'line N in func' of the code that made the object being initialised, if
    that is the student's file: the nearest frame outside the harness (a
    subclass of the student's counts; ThreadPoolExecutor's own does not)."""
    f = sys._getframe(2)
    while f is not None and f.f_code.co_filename.startswith(PACKAGE):
        f = f.f_back
    return at(f) if f is not None and is_student(f.f_code.co_filename) else None


# -- values as records show them --------------------------------------------------------
def name_of(fn):
    if fn is None:
        return None
    while hasattr(fn, "func") and type(fn).__name__ == "partial":  # functools.partial(work, 2)
        fn = fn.func
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or repr(fn)


def short(value):
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def number(secs):
    return secs if isinstance(secs, (int, float)) and not isinstance(secs, bool) else None


def scaled(secs):
    """SECS of the program's own time as the grader runs it (sleeps and
    timeouts, which are sleeps that may end early, run faster alike)."""
    if isinstance(secs, (int, float)) and not isinstance(secs, bool):
        return secs * scale
    return secs


def mark(name):
    """Make the empty file NAME in the run's folder (the runner looks for it)."""
    if workdir:
        try:
            os.close(os.open(os.path.join(workdir, name), os.O_WRONLY | os.O_CREAT, 0o640))
        except OSError:
            pass


# -- hooks: how one concern adds to another's records ------------------------------------
# Each list is filled by the concerns' install(), in install order.
thread_beginning = []  # f(tid): a thread of the program begins (its ident may be reused)
thread_ending = []  # f(tid, name) -> dict: fields of the thread's thread_end record
child_beginning = []  # f(): this process is a new child of multiprocessing's, beginning
process_ending = []  # f(): this process is about to end (a multiprocessing child, or at exit)
exiting = []  # f(tid) -> dict: fields of main's exit record
after_fork = []  # f(): in the child of a fork


def fields_of(hooks, *args):
    fields = {}
    for hook in hooks:
        fields.update(hook(*args))
    return fields


def run_hooks(hooks):
    for hook in hooks:
        hook()

