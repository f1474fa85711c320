"""The command line: python -m grader check, list, hint, watch, classroom, export, batch."""
