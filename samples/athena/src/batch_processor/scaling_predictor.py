"""Predicts batch processing time from recent observations (least-squares line on batch size)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Deque, Dict, Optional, Tuple

DEFAULT_SECONDS_PER_ITEM = 0.04
QUALITY_BANDWIDTH = 20.0  # batch sizes this far apart count half as much


@dataclass(frozen=True)
class Observation:
    batch_size: int
    processing_time: float
    high_confidence_rate: float


class ScalingPredictor:
    """Keeps the last ``window`` observations and fits ``time = intercept + slope * size``."""

    def __init__(self, window: int = 20):
        if window < 2:
            raise ValueError("window must be at least 2")
        self.window = window
        self._observations: Deque[Observation] = deque(maxlen=window)

    def add_observation(self, batch_size: int, processing_time: float, high_confidence_rate: float) -> None:
        if batch_size < 1 or processing_time < 0:
            raise ValueError(f"bad observation: size {batch_size}, time {processing_time}")
        self._observations.append(Observation(batch_size, processing_time, high_confidence_rate))

    @property
    def observations(self) -> Tuple[Observation, ...]:
        return tuple(self._observations)

    def fit(self) -> Optional[Tuple[float, float]]:
        """(intercept, slope), or None while fewer than two distinct batch sizes were seen."""
        points = [(o.batch_size, o.processing_time) for o in self._observations]
        sizes = {size for size, _ in points}
        if len(sizes) < 2:
            return None
        n = len(points)
        mean_x = sum(x for x, _ in points) / n
        mean_y = sum(y for _, y in points) / n
        sxx = sum((x - mean_x) ** 2 for x, _ in points)
        sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
        slope = sxy / sxx
        return mean_y - slope * mean_x, slope

    def seconds_per_item(self) -> float:
        total_items = sum(o.batch_size for o in self._observations)
        if not total_items:
            return DEFAULT_SECONDS_PER_ITEM
        return sum(o.processing_time for o in self._observations) / total_items

    def _seconds(self, line: Optional[Tuple[float, float]], per_item: float, batch_size: int) -> float:
        if line is None or line[1] <= 0:
            return batch_size * per_item
        intercept, slope = line
        return max(0.0, intercept + slope * batch_size)

    def predict_processing_time(self, batch_size: int) -> float:
        return self._seconds(self.fit(), self.seconds_per_item(), batch_size)

    def expected_quality(self, batch_size: int) -> float:
        """High-confidence rate expected at ``batch_size``: observations weighted by closeness."""
        if not self._observations:
            return 1.0
        total = weights = 0.0
        for o in self._observations:
            weight = 1.0 / (1.0 + ((batch_size - o.batch_size) / QUALITY_BANDWIDTH) ** 2)
            total += weight * o.high_confidence_rate
            weights += weight
        return total / weights

    def predict_optimal_batch_size(self, target_seconds: float, min_size: int, max_size: int) -> int:
        """Among the sizes expected to finish within ``target_seconds``, the one with the best
        throughput times expected quality (the larger one on a tie); ``min_size`` if none."""
        line, per_item = self.fit(), self.seconds_per_item()
        best, best_score = min_size, -1.0
        for size in range(min_size, max_size + 1):
            seconds = self._seconds(line, per_item, size)
            if seconds > target_seconds + 1e-9:
                continue
            throughput = size / seconds if seconds > 0 else float(size) * 1e9
            score = throughput * self.expected_quality(size)
            if score >= best_score * (1 - 1e-9):
                best, best_score = size, score
        return best

    def confidence(self) -> float:
        """How far to trust the predictions: 0 with no data, 1 with a full window."""
        return len(self._observations) / self.window

    def efficiency_by_size(self) -> Dict[int, Dict[str, float]]:
        stats: Dict[int, Dict[str, float]] = {}
        for o in self._observations:
            entry = stats.setdefault(o.batch_size, {"samples": 0, "seconds": 0.0, "quality": 0.0})
            entry["samples"] += 1
            entry["seconds"] += o.processing_time
            entry["quality"] += o.high_confidence_rate
        return {
            size: {
                "samples": e["samples"],
                "items_per_second": size * e["samples"] / e["seconds"] if e["seconds"] else float("inf"),
                "high_confidence_rate": e["quality"] / e["samples"],
            }
            for size, e in sorted(stats.items())
        }
