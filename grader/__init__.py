"""A grader for Python concurrency katas that checks what programs really do."""
