"""Data loading and description generation used by every Athena component."""
