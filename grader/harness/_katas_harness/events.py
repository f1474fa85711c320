"""threading.Event: which Event each thread of the student's file looks at
(is_set() or wait()), counted and reported when the thread ends -- one Event
per worker and one shared by all are facts of every run -- and where the file
made and set each one.  A wait's timeout is the program's time (scaled)."""
import threading

from . import core
from .core import caller_in_student, emit, lookup, own

Event = threading.Event
orig_event_init, orig_event_set = Event.__init__, Event.set
orig_event_is_set, orig_event_wait = Event.is_set, Event.wait
looks = {}  # thread ident -> {(event id, how): [count, where first]}


def looked(event, how, at):
    mine = own(looks, dict)
    found = lookup(mine, (id(event), how))
    if found is None:
        mine[(id(event), how)] = [1, at]
    else:
        found[0] += 1


def looks_of(tid, name=None):
    return {"looks": [{"event": e, "how": how, "count": n, "at": at}
                      for (e, how), (n, at) in looks.pop(tid, {}).items()]}


def event_init(self, *args, **kwargs):
    orig_event_init(self, *args, **kwargs)
    at = caller_in_student()
    if at:
        emit("event_made", event=id(self), at=at)


def event_set(self):
    at = caller_in_student()
    if at:
        emit("event_set", event=id(self), at=at)
    return orig_event_set(self)


def event_is_set(self):
    at = caller_in_student()
    if at:
        looked(self, "is_set", at)
    return orig_event_is_set(self)


def event_wait(self, timeout=None):
    at = caller_in_student()
    if at:
        looked(self, "wait", at)
    return orig_event_wait(self, core.scaled(timeout))


def install():
    Event.__init__, Event.set, Event.is_set, Event.wait = (event_init, event_set, event_is_set,
                                                           event_wait)
    core.thread_ending.append(looks_of)
    core.exiting.append(looks_of)
