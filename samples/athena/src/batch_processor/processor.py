"""Runs one batch of items through the description generator."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable, List, Tuple

log = logging.getLogger(__name__)


@dataclass
class BatchResult:
    batch_id: str
    descriptions: list = field(default_factory=list)
    failures: List[Tuple[str, str]] = field(default_factory=list)  # (item id, reason)
    duration: float = 0.0
    high_confidence_threshold: float = 0.75

    @property
    def size(self) -> int:
        return len(self.descriptions) + len(self.failures)

    @property
    def high_confidence_count(self) -> int:
        return sum(1 for d in self.descriptions if d.confidence >= self.high_confidence_threshold)

    @property
    def high_confidence_rate(self) -> float:
        return self.high_confidence_count / self.size if self.size else 0.0

    @property
    def success_rate(self) -> float:
        return len(self.descriptions) / self.size if self.size else 0.0


class BatchProcessor:
    """Generates a description for every item of a batch; a failing item never stops the batch."""

    def __init__(self, generator, high_confidence_threshold: float = 0.75,
                 clock: Callable[[], float] = time.perf_counter):
        self.generator = generator
        self.high_confidence_threshold = high_confidence_threshold
        self._clock = clock
        self.batches_processed = 0

    def process_batch(self, batch_id: str, items: list) -> BatchResult:
        result = BatchResult(batch_id, high_confidence_threshold=self.high_confidence_threshold)
        started = self._clock()
        for item in items:
            try:
                result.descriptions.append(self.generator.generate(item))
            except (KeyError, ValueError) as error:
                log.warning("batch %s: item %s failed: %s", batch_id, item.item_id, error)
                result.failures.append((item.item_id, str(error)))
        result.duration = self._clock() - started
        self.batches_processed += 1
        log.info("batch %s: %d items, %.2f high confidence, %.3fs",
                 batch_id, result.size, result.high_confidence_rate, result.duration)
        return result
