# hostile: finds the grader's --output file in an ancestor's command line and puts a forged full score there, read-only (or, by the file's name, a FIFO, a link to another file, a folder)
# fails: loop_in_thread
# says: LoopThread
import json
import os

FORGED = {"version": 3, "status": "pass", "message": None, "tests": [
    {"name": "forged", "check": "forged", "status": "pass", "score": 100, "max_score": 100,
     "message": None}]}


def ancestors():
    pid = os.getppid()
    while pid > 1:
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                yield pid, f.read().split(b"\0")
            with open("/proc/%d/stat" % pid) as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            return


def forge(path):
    if os.path.lexists(path):
        os.unlink(path)
    name = os.path.basename(path)
    if "fifo" in name:
        os.mkfifo(path)  # a writer that opens it waits for a reader for ever
    elif "folder" in name:
        os.mkdir(path)
    elif "link" in name:
        os.symlink(os.path.join(os.path.dirname(path), "victim.json"), path)
    else:
        with open(path, "w") as f:
            json.dump(FORGED, f)
        os.chmod(path, 0o444)


for pid, argv in ancestors():
    if b"--output" in argv:
        path = argv[argv.index(b"--output") + 1].decode()
        forge(os.path.join("/proc/%d/cwd" % pid, path))  # an absolute path stays as it is
        break
print("thread MainThread is running...")
print("thread MainThread ended.")
