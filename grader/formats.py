"""Machine-readable results: one function per format, each taking the list of
ExerciseResults of one `check` and returning the text of the file."""
import json

from .report import failure_text

OUTPUT_LIMIT = 500  # characters of a check's output in the exercism format


def exercism(results):
    """Exercism's test-runner results.json, version 3: a status per check and the
    exercise as its task id."""
    tests = []
    for r in results:
        for c in r.checks:
            tests.append({
                "name": "%s: %s" % (r.exercise.name, c.title),
                "task_id": r.exercise.name,
                "check": c.name,
                "status": "pass" if c.passed else "fail",
                "score": c.earned,
                "max_score": c.points,
                "message": None if c.passed else failure_text(c, r.exercise.start_methods),
                "output": None,
            })
    passed = all(r.passed for r in results)
    error = next((r.error for r in results if r.error), None)
    return json.dumps({"version": 3, "status": "pass" if passed else ("error" if error else "fail"),
                       "message": error, "tests": tests}, ensure_ascii=False, indent=2)


FORMATS = {"json": exercism}
