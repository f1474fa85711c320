"""The harness: loaded into every process of a student's program.

The runner puts the folder above on PYTHONPATH, so Python imports
`sitecustomize` at start-up in the main process, in every spawn child, in the
fork server and in the resource tracker (fork children inherit it); it calls
`install()` when GRADER_TRACE names a trace file.

Each module is one concern and records its facts as events (schema.py) in
the trace file; `install` sets them up in one order, and they reach each
other only through core's hooks (a thread ends, a child begins, a process
ends, main exits, a fork) and explicit imports.  It also shapes the run:
line-buffered output, scaled sleeps, a chosen default start method,
containment limits, an optional race amplifier, and stack dumps for hangs.

Standard library only; runs on Python 3.9 and newer; starts no threads."""
import atexit
import os
import sys
import threading

from . import core


def install(environ=os.environ):
    """Set up every concern in this process (once, at its start)."""
    from . import (events, limits, locks, output, processes, semaphores, signals, stacks,
                   threads, timing)
    core.install(environ)
    limits.set_limits(environ)
    output.install(environ)
    timing.install()
    uses_processes = core.mentions("multiprocessing", "concurrent")
    if uses_processes:
        import multiprocessing
        import multiprocessing.context
        import multiprocessing.process
        import multiprocessing.util  # noqa: F401 (registers its atexit hook now, so ours runs first)
    method = environ.get("GRADER_START_METHOD")
    if method and uses_processes:
        processes.choose_start_method(method)
    limits.install(environ, uses_processes)
    signals.install(environ, uses_subprocess=core.mentions("subprocess"),
                    uses_signal=core.mentions("signal"))
    if uses_processes:
        processes.install()
    threads.install()
    locks.install(environ)
    semaphores.install()
    events.install()
    if core.mentions("Queue", "Value"):
        from . import mplocks
        mplocks.install()
    if core.mentions("Queue"):
        from . import queues
        queues.install()
    if core.mentions("concurrent", "Executor"):
        from . import pools
        pools.install()
    if core.mentions("Value"):
        from . import values
        values.install()
    if environ.get("GRADER_AMPLIFY"):
        from . import amplifier
        amplifier.install(environ["GRADER_AMPLIFY"])
    stacks.install()
    core.after_fork.append(lambda: core.emit("forked", os_ppid=os.getppid()))
    core.after_fork.append(stacks.register)
    os.register_at_fork(after_in_child=lambda: core.run_hooks(core.after_fork))
    core.emit("interp", argv=list(sys.argv), os_ppid=os.getppid(),
              version=list(sys.version_info[:3]), scale=core.scale, start_method=method)
    atexit.register(core.recording, "at the program's end", exit_record)


def exit_record():
    """Main's exit: the globals of its __main__ and what the concerns counted."""
    main = sys.modules.get("__main__")
    values = {}
    for key, value in vars(main).items() if main else ():
        if not key.startswith("_") and type(value) in (int, float, str, bool):
            values[key] = value if not isinstance(value, str) else core.short(value)
    core.run_hooks(core.process_ending)
    core.emit("exit", globals=values, **core.fields_of(core.exiting, threading.get_ident()))
