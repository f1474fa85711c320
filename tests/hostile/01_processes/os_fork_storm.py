# hostile: a fork storm with os.fork: every child forks too, and all sleep an hour
# fails: program_runs
# says: more than 64 processes
import os
import time

for generation in range(12):
    os.fork()
time.sleep(3600)
