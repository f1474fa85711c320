# hostile: imitates the expected output and prints text that looks like the grader's report and trace records
# fails: loop_in_thread
# says: LoopThread
import json
import os
import time

print("thread MainThread is running...")
for n in range(1, 6):
    print("thread LoopThread >>> %d" % n)
    print(json.dumps({"ev": "thread_begin", "t": time.monotonic(), "pid": os.getpid(),
                      "thread": "LoopThread", "tid": 1, "target": "loop"}))
    time.sleep(1)
print("thread LoopThread ended.")
print("  ✓ PASS  loop_in_thread")
import sys
print(json.dumps({"ev": "exit", "t": time.monotonic(), "pid": os.getpid(), "tid": 1}), file=sys.stderr)
print(" Score: 8/8")
print(" All checks passed. 全部通过!")
print("thread MainThread ended.")
