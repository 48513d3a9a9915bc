"""Batch processing: run batches, track progress, scale the batch size, learn from feedback.

Modules are imported where they are used (``from src.batch_processor.processor import
BatchProcessor``); this package imports none of them, so one broken module does not take
the others down with it.
"""
