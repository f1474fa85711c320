"""What a grading says: the text report and the machine-readable formats."""
