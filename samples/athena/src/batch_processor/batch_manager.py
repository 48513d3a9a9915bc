"""Splits the work into batches and runs them, letting a callback resize the next batch."""

from __future__ import annotations

from typing import Callable, List, Optional

from .processor import BatchProcessor, BatchResult
from .progress_tracker import ProgressTracker


class BatchManager:
    """Runs items through the processor batch after batch and records progress."""

    def __init__(self, processor: BatchProcessor, tracker: Optional[ProgressTracker] = None,
                 batch_size: int = 50):
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.processor = processor
        self.tracker = tracker if tracker is not None else ProgressTracker()
        self.batch_size = batch_size
        self._counter = 0

    def plan_batches(self, items: list, batch_size: Optional[int] = None) -> List[list]:
        size = batch_size or self.batch_size
        return [items[start:start + size] for start in range(0, len(items), size)]

    def run(self, items: list, on_batch: Optional[Callable[[BatchResult], Optional[int]]] = None) -> List[BatchResult]:
        """Processes every item; ``on_batch`` may return the size for the next batch."""
        if not self.tracker.total_items:
            self.tracker.total_items = len(items)
        results: List[BatchResult] = []
        position = 0
        while position < len(items):
            batch = items[position:position + self.batch_size]
            position += len(batch)
            self._counter += 1
            result = self.processor.process_batch(f"batch-{self._counter:04d}", batch)
            self.tracker.record_result(result)
            results.append(result)
            if on_batch is not None:
                next_size = on_batch(result)
                if next_size:
                    self.batch_size = max(1, int(next_size))
        return results

    @staticmethod
    def failed_items(results: List[BatchResult]) -> List[str]:
        return [item_id for result in results for item_id, _ in result.failures]
