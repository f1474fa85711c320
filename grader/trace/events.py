"""Typed events: each record of the harness's trace as an object of its kind.

One class per kind the harness records (schema.EVENTS), made from the schema
itself, so a field that the schema does not describe is an AttributeError, not
a silent None.  Every place in the student's file is a Location; every time is
in the program's own (nominal) seconds since main started, the grader's sleep
scaling undone; the lists a thread or process reports at its end (stores,
looks, polls, locks, a deadlock's cycle, Value writes) are records of their own.
"""
from dataclasses import dataclass, field, fields, make_dataclass

from grader.harness._katas_harness import schema


@dataclass(frozen=True)
class Location:
    """A line of the student's file: its number, the function it is in, and its
    code (stripped).  Printed as `line 12 (`with lock:`)`."""
    line: int
    func: str = "?"
    code: str = ""

    def __str__(self):
        return "line %d (`%s`)" % (self.line, self.code) if self.code else "line %d" % self.line

    @property
    def in_func(self):
        """'line 12 in transfer'."""
        return "line %d in %s" % (self.line, self.func)


def where(loc):
    """LOC printed, or what an event made outside the student's lines says."""
    return str(loc) if loc else "a line outside your file"


@dataclass(eq=False)
class Event:
    """What every record has: its kind (EV), nominal time, process, thread name,
    thread ident.  Each event is itself only (equal to no other, hashable)."""
    ev: str
    t: float
    pid: int
    thread: str = None
    tid: int = None


@dataclass
class Store:
    """Writes of one thread to a global (NAME) or an attribute (.NAME) from one
    line, while holding LOCKS (the file's lock numbers): COUNT of them."""
    name: str
    func: str
    line: int
    locks: list
    count: int
    at: Location = None


@dataclass
class Look:
    """A thread's looks at an Event: HOW (is_set or wait), COUNT times, first AT."""
    event: int
    how: str
    count: int
    at: Location = None


@dataclass
class Poll:
    """A thread's questions about threads (is_alive, active_count, enumerate)
    from one line: COUNT of them between FIRST and LAST."""
    what: str
    count: int
    at: Location = None
    first: float = None
    last: float = None


@dataclass
class LockMade:
    """One of the file's locks as main's exit saw it: who took it how often
    (ACQUIRED), first and last time each did (TIMES), failed tries (REFUSED),
    and the holds of threads that had not ended (HOLDS, as a thread_end's)."""
    number: int
    at: Location = None
    creator: str = None
    acquired: dict = field(default_factory=dict)
    times: dict = field(default_factory=dict)
    refused: dict = field(default_factory=dict)
    holds: dict = field(default_factory=dict)


@dataclass
class Hold:
    """A thread's holds of a lock that followed each other with no other
    thread taking the lock in between: COUNT of them, from FIRST to LAST
    (None: still held when the run was stopped; then THREAD and LOCK say whose
    hold of which lock it is)."""
    first: float
    last: float
    count: int
    thread: str = None
    lock: int = None


@dataclass
class CycleStep:
    """One thread of a deadlock: it waits AT for lock WAITS_FOR (made at
    LOCK_AT), which HOLDER took at HOLDER_AT (and still held when it ended)."""
    thread: str
    waits_for: int
    lock_at: Location = None
    at: Location = None
    holder: str = None
    holder_at: Location = None
    holder_ended: bool = False


@dataclass
class ValueWrite:
    """A process's writes to a shared Value from one line, with LOCKS held."""
    value: object
    func: str
    line: int
    locks: list
    count: int
    at: Location = None


PLACES = ("at", "lock_at", "holder_at", "first_at", "then_at")  # fields that are Locations
TIMES = {Event: ("began",), Poll: ("first", "last")}  # fields that are times (lock_order's
#                                                      first is a lock number)
RECORDS = {  # (kind, field) -> the record type of that field's items
    ("exit", "locks"): LockMade, ("exit", "looks"): Look, ("exit", "polls"): Poll,
    ("exit", "stores"): Store, ("thread_end", "looks"): Look, ("thread_end", "polls"): Poll,
    ("thread_end", "stores"): Store, ("deadlock", "cycle"): CycleStep,
    ("value_writes", "writes"): ValueWrite,
}


def _class_name(kind):
    return "".join(part.title() for part in kind.split("_"))


TYPES = {
    kind: make_dataclass(_class_name(kind),
                         [(name, object, field(default=None))
                          for name in dict.fromkeys(names) if name not in schema.COMMON],
                         bases=(Event,), eq=False)
    for kind, names in schema.EVENTS.items()}
globals().update({cls.__name__: cls for cls in TYPES.values()})


class Reader:
    """Makes typed events and records out of the harness's dicts: LINE_OF(n)
    is line n of the student's file, NOMINAL(t) a time in the program's seconds."""

    def __init__(self, line_of, nominal):
        self.line_of, self.nominal = line_of, nominal
        self.unlisted = 0  # locks the harness counted but did not list ({"more": N})

    def place(self, at):
        if not isinstance(at, dict) or not isinstance(at.get("line"), int):
            return None
        return Location(at["line"], at.get("func") or "?", self.line_of(at["line"]))

    def record(self, cls, raw):
        if not isinstance(raw, dict):
            return raw
        if cls is LockMade and isinstance(raw.get("more"), int):
            self.unlisted += raw["more"]
            return None
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        for key in PLACES:
            if key in values:
                values[key] = self.place(values[key])
        for key in TIMES.get(cls, ()):
            if isinstance(values.get(key), (int, float)):
                values[key] = self.nominal(values[key])
        if "at" in known and "at" not in raw and isinstance(raw.get("line"), int):
            values["at"] = Location(raw["line"], raw.get("func") or "?", self.line_of(raw["line"]))
        if cls is LockMade and isinstance(values.get("times"), dict):
            values["times"] = {name: [self.nominal(t) for t in span]
                               for name, span in values["times"].items()}
        if cls is LockMade:
            values["holds"] = self.holds(values.get("holds"))
        try:
            return cls(**values)
        except TypeError:  # a record without a field it needs: a broken trace
            return None

    def holds(self, raw):
        """{key: [Hold]} of a thread_end's or a lock's holds ({key: [[first,
        last, count]]}, times the harness's)."""
        if not isinstance(raw, dict):
            return {}
        return {key: [Hold(self.nominal(s[0]), self.nominal(s[1]), s[2]) for s in spans
                      if isinstance(s, list) and len(s) == 3]
                for key, spans in raw.items() if isinstance(spans, list)}

    def event(self, raw):
        """The typed event of RAW (a dict with ev, t, pid), or None for a kind
        the schema does not describe."""
        kind = raw["ev"]
        cls = TYPES.get(kind)
        if cls is None:
            return None
        values = {name: raw.get(name) for name in schema.EVENTS[kind] if name not in schema.COMMON}
        for name, value in values.items():
            if name in PLACES:
                values[name] = self.place(value)
            elif name in TIMES[Event] and isinstance(value, (int, float)):
                values[name] = self.nominal(value)
            elif (kind, name) == ("thread_end", "holds"):
                values[name] = self.holds(value)
            elif (kind, name) == ("deadlock", "holds"):
                values[name] = {thread: self.holds(of) for thread, of in (value or {}).items()}
            elif (kind, name) == ("deadlock", "holding"):
                values[name] = [Hold(self.nominal(h["since"]), None, 1, thread=h.get("thread"),
                                     lock=h.get("lock")) for h in value or ()
                                if isinstance(h, dict) and isinstance(h.get("since"), (int, float))]
            elif (kind, name) in RECORDS and isinstance(value, list):
                made = [self.record(RECORDS[kind, name], item) for item in value]
                values[name] = [item for item in made if item is not None]
        if kind == "write" and "task" in raw and raw["task"] is None:
            values["task"] = ""  # printed by the event loop itself, outside a task
        return cls(ev=kind, t=self.nominal(raw["t"]), pid=raw["pid"], thread=raw.get("thread"),
                   tid=raw.get("tid"), **values)
