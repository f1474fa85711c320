"""multiprocessing queues (Queue, SimpleQueue, JoinableQueue) made by the
student's file: where each was made, every put (before the item can reach
anyone) and get (and a get that found it empty), and empty()/qsize()/full().
A get's timeout is the program's time (scaled)."""
from .core import called_from_student, emit, scaled, short
from .mplocks import semlock_key


def queue_key(q):
    try:
        return semlock_key(q._rlock)
    except Exception:
        return None


def traced_init(orig):
    def __init__(self, *args, **kwargs):
        orig(self, *args, **kwargs)
        at = called_from_student("multiprocessing")
        if at:
            emit("queue_made", queue=queue_key(self), cls=type(self).__name__,
                 maxsize=getattr(self, "_maxsize", None), at=at)
    return __init__


def traced_put(orig):
    def put(self, obj, *args, **kwargs):
        at = called_from_student("multiprocessing")
        if at:  # before the item can reach anyone
            emit("queue_put", queue=queue_key(self), item=short(obj), at=at)
        return orig(self, obj, *args, **kwargs)
    return put


def traced_get(orig, timeouts):
    import queue as queue_module

    def get(self, *args, **kwargs):
        at = called_from_student("multiprocessing")
        block, timeout = True, None
        if timeouts:
            block = kwargs.get("block", args[0] if args else True)
            timeout = kwargs.get("timeout", args[1] if len(args) > 1 else None)
            args, kwargs = (block, scaled(timeout)), {}
        try:
            item = orig(self, *args, **kwargs)
        except queue_module.Empty:
            if at:
                emit("queue_empty", queue=queue_key(self), at=at, block=block, timeout=timeout)
            raise
        if at:
            emit("queue_get", queue=queue_key(self), item=short(item), at=at,
                 block=block, timeout=timeout)
        return item
    return get


def traced_probe(orig, method):
    def probe(self):
        result = orig(self)
        at = called_from_student("multiprocessing")
        if at:
            emit("queue_probe", queue=queue_key(self), method=method, result=result, at=at)
        return result
    return probe


def install():
    import multiprocessing.queues as mpq
    for cls in (mpq.Queue, mpq.SimpleQueue):
        cls.__init__ = traced_init(cls.__init__)
        cls.put = traced_put(cls.put)
        cls.get = traced_get(cls.get, cls is mpq.Queue)
    mpq.JoinableQueue.put = traced_put(mpq.JoinableQueue.put)  # its own put; the rest is Queue's
    for cls, method in ((mpq.Queue, "empty"), (mpq.Queue, "qsize"), (mpq.Queue, "full"),
                        (mpq.SimpleQueue, "empty")):
        setattr(cls, method, traced_probe(getattr(cls, method), method))
