# hostile: main kills the process that started it through a shell (`kill -9` of os.getppid()), which the harness inside Python cannot refuse, and then does nothing more
# fails: child_pids
# says: no process printed a line `做饭进程pid: <number>`
# fails (grader's user): program_runs
# says (grader's user): the process that started main (pid
# says (grader's user): was killed while your program ran
# says (grader's user): ran the command `kill -9
# says (grader's user): at line 13 in <module>
import os

if __name__ == "__main__":
    print("主进程pid: ", os.getpid())
    os.system("kill -9 %d" % os.getppid())
