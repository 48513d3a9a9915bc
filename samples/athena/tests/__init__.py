"""Athena's test suite: `python3 -m pytest tests/ -v` or `python3 -m unittest discover -s tests -t .`."""
