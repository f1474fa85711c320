# hostile: prints GitHub workflow commands (the :: form, indented, and the legacy ##[ form) and raises one in an exception message
# fails: loop_in_thread
# says: LoopThread
import threading

print("thread MainThread is running...")
print("::set-env name=BASH_ENV::/tmp/evil")
print("   ::add-mask::secret")
print("\t::notice title=Score::10/10 PASS")
print("progress ##[set-output name=score;]100")
print("##vso[task.setvariable variable=score]100")
for n in range(1, 6):
    print("thread LoopThread >>> %d" % n)
print("thread LoopThread ended.")
threading.Thread(target=print, args=("::stop-commands::x",)).start()
raise RuntimeError("bye\n::error::forged\n  ##[error]forged too")
