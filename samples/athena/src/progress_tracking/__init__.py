"""Metrics collection and the history kept in data/metrics/."""
