"""Analysis notes: what the system noticed while processing, for people to read."""
