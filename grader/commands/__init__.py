"""The command line: python -m grader check, list, hint, watch, actions (alias classroom),
export, batch, classroom50."""
