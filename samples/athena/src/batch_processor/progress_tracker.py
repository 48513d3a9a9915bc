"""Progress of a run: items processed, quality and speed of the recent batches."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean, pstdev
from typing import List, Optional


@dataclass(frozen=True)
class BatchRecord:
    batch_id: str
    size: int
    succeeded: int
    high_confidence: int
    duration: float

    @property
    def high_confidence_rate(self) -> float:
        return self.high_confidence / self.size if self.size else 0.0


class ProgressTracker:
    """Records finished batches; ``snapshot()`` is what the scaling components decide on."""

    def __init__(self, total_items: int = 0, window: int = 10):
        if window < 1:
            raise ValueError("window must be at least 1")
        self.total_items = total_items
        self.window = window
        self.batches: List[BatchRecord] = []

    def record_batch(self, batch_id: str, size: int, succeeded: int, high_confidence: int,
                     duration: float) -> BatchRecord:
        if not 0 <= high_confidence <= succeeded <= size:
            raise ValueError(f"batch {batch_id}: inconsistent counts {size}/{succeeded}/{high_confidence}")
        record = BatchRecord(batch_id, size, succeeded, high_confidence, duration)
        self.batches.append(record)
        return record

    def record_result(self, result) -> BatchRecord:
        """Records a ``BatchResult`` from the processor."""
        return self.record_batch(result.batch_id, result.size, len(result.descriptions),
                                 result.high_confidence_count, result.duration)

    @property
    def processed(self) -> int:
        return sum(b.size for b in self.batches)

    @property
    def percent_complete(self) -> float:
        if not self.total_items:
            return 0.0
        return min(100.0, 100.0 * self.processed / self.total_items)

    def _recent(self, recent: Optional[int]) -> List[BatchRecord]:
        return self.batches[-(recent or self.window):]

    def high_confidence_rate(self, recent: Optional[int] = None) -> float:
        batches = self._recent(recent)
        size = sum(b.size for b in batches)
        return sum(b.high_confidence for b in batches) / size if size else 0.0

    def avg_processing_time(self, recent: Optional[int] = None) -> float:
        batches = self._recent(recent)
        return mean(b.duration for b in batches) if batches else 0.0

    def stability_score(self) -> float:
        """1.0 when the recent batches' quality is steady, towards 0.0 as it swings."""
        rates = [b.high_confidence_rate for b in self._recent(None)]
        if len(rates) < 2 or mean(rates) == 0:
            return 1.0 if rates else 0.0
        return max(0.0, 1.0 - pstdev(rates) / mean(rates))

    def eta_seconds(self) -> Optional[float]:
        if not self.batches or not self.total_items:
            return None
        per_item = sum(b.duration for b in self.batches) / max(1, self.processed)
        return max(0, self.total_items - self.processed) * per_item

    def snapshot(self) -> dict:
        last = self.batches[-1] if self.batches else None
        return {
            "batches": len(self.batches),
            "processed": self.processed,
            "percent_complete": round(self.percent_complete, 1),
            "batch_size": last.size if last else 0,
            "high_confidence_rate": round(self.high_confidence_rate(), 4),
            "avg_processing_time": self.avg_processing_time(),
            "stability_score": round(self.stability_score(), 4),
        }
