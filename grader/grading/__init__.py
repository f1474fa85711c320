"""Grading: the exercises, the pytest plugin behind the hidden suites, and the grading session."""
