# hostile: a fork storm from the shell, which the harness inside Python cannot see
# fails: program_runs
# says: more than
# says: processes
import os

os.system("for i in $(seq 200); do sleep 3600 & done; sleep 3600")
