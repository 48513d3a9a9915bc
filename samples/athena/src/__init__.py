"""Athena: batch description generation with iterative rule refinement."""

__version__ = "2.3.0"
