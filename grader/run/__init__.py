"""Starting and containing a run of a student's program: the runner, the run's keeper, the run's own user."""
