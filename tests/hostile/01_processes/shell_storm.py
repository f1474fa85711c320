# hostile: a fork storm from the shell, which the harness inside Python cannot see
# fails: program_runs
# says: processes running at once (the grader allows 64)
# says: the grader stopped it
import os

os.system("for i in $(seq 200); do sleep 3600 & done; sleep 3600")
