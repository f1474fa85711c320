"""The events the harness records: one JSON object per line of the trace file.

Every record has the COMMON fields; EVENTS gives each kind's own fields (a
field may be absent where it does not apply).  The harness emits only these,
and the grader's trace reader reads only these (grader/trace/model.py imports this
module): a kind misspelt on either side is an error, not an empty list."""

COMMON = ("ev", "t", "pid", "thread", "tid")  # kind, monotonic time, process, thread name, ident

PROCESS = ("name", "target", "args", "kwargs", "daemon", "cls", "run_overridden")  # what it is made of
TASK = ("pool", "task", "fn")
AT = ("at",)  # {"line": N, "func": name} in the student's file, or None

EVENTS = {
    # this interpreter
    "interp": ("argv", "os_ppid", "version", "scale", "start_method"),
    "forked": ("os_ppid",),
    "exit": ("globals", "locks", "looks", "polls", "stores"),  # main's end (the *_of fields as below)
    "harness_error": ("what", "error"),  # the grader's own recording failed
    # output
    "write": ("stream", "text", "task"),  # task: the asyncio coroutine that printed
    "text_gap": ("stream", "began", "chars", "lines"),  # what was not recorded
    # time
    "sleep": AT + ("secs", "asyncio"),
    "blocking_sleep": AT + ("secs",),  # time.sleep inside a coroutine
    # containment, ends and signals
    "fork_refused": AT + ("limit",),
    "os_exit": AT + ("code",),
    "sys_exit": AT + ("code",),
    "kill_sent": AT + ("target", "sig"),
    "kill_refused": AT + ("target", "sig"),
    "command": AT + ("text",),
    "signal_set": AT + ("signum", "handler"),
    # processes
    "proc_starting": AT + PROCESS,  # start() called (it may be stopped before it returns)
    "proc_started": AT + PROCESS + ("child",),
    "helper_started": ("child", "kind"),  # the fork server or the resource tracker, started
    "proc_start_failed": AT + PROCESS + ("error",),
    "proc_begin": PROCESS + ("starter", "os_ppid", "start_method"),
    "proc_end": ("exitcode",),
    "proc_run_direct": AT + PROCESS,
    "proc_join": AT + ("child", "began", "exitcode", "timeout"),
    "proc_terminate": AT + ("child",),
    "proc_kill": AT + ("child",),
    # threads
    "thread_start": AT + ("name", "target", "cls", "daemon"),
    "thread_begin": ("thread", "target", "internal"),
    "thread_end": ("thread", "locks", "holds", "max_held", "stores", "looks", "polls"),
    "thread_run_direct": AT + ("name", "target"),
    "thread_join": AT + ("name", "began", "alive", "timeout"),
    # locks
    "lock_wait": AT + ("lock", "lock_at", "holder", "holder_at", "timeout"),
    "lock_got": AT + ("lock",),
    "lock_order": ("first", "then", "first_at", "then_at"),
    "deadlock": ("cycle", "holds", "holding"),  # holds: {thread: {lock: spans}}, as thread_end's
    # semaphores and events
    "sem_made": AT + ("sem", "value"),
    "sem_acquire": AT + ("sem", "waited"),
    "sem_release": AT + ("sem",),
    "event_made": AT + ("event",),
    "event_set": AT + ("event",),
    # queues
    "queue_made": AT + ("queue", "cls", "maxsize"),
    "queue_put": AT + ("queue", "item"),
    "queue_get": AT + ("queue", "item", "block", "timeout"),
    "queue_empty": AT + ("queue", "block", "timeout"),
    "queue_probe": AT + ("queue", "method", "result"),
    # executors
    "pool_made": AT + ("pool", "kind", "max_workers"),
    "pool_submit": AT + TASK + ("items", "args"),
    "pool_task_begin": TASK,
    "pool_task_end": TASK + ("error",),
    # shared values
    "value_made": AT + ("value", "typecode", "lock"),
    "value_writes": ("writes",),  # [{value, func, line, locks, count}]: a process's writes
}
