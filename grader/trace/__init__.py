"""What a run did: the trace model, its typed events, and the relations checks ask about."""
