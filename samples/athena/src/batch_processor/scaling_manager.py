"""Scaling decisions: grow, shrink or keep the batch size from measured performance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .scaling_predictor import ScalingPredictor

REQUIRED_KEYS = ("batch_size", "high_confidence_rate", "avg_processing_time", "stability_score")


@dataclass(frozen=True)
class ScalingDecision:
    action: str  # "scale_up", "scale_down" or "hold"
    batch_size: int
    reason: str


class ScalingManager:
    """Decides on the batch size; quality first, then speed, never while the numbers swing."""

    def __init__(self, min_batch_size: int = 10, max_batch_size: int = 200,
                 target_batch_seconds: float = 2.5, predictor: Optional[ScalingPredictor] = None,
                 cooldown: int = 2, min_quality: float = 0.6):
        if not 1 <= min_batch_size <= max_batch_size:
            raise ValueError("need 1 <= min_batch_size <= max_batch_size")
        self.min_batch_size = min_batch_size
        self.max_batch_size = max_batch_size
        self.target_batch_seconds = target_batch_seconds
        self.predictor = predictor or ScalingPredictor()
        self.cooldown = cooldown
        self.min_quality = min_quality
        self._since_change = cooldown

    def predict_processing_time(self, batch_size: int) -> float:
        return self.predictor.predict_processing_time(batch_size)

    def predict_optimal_batch_size(self, target_seconds: Optional[float] = None) -> int:
        return self.predictor.predict_optimal_batch_size(
            target_seconds or self.target_batch_seconds, self.min_batch_size, self.max_batch_size)

    def should_scale_now(self, performance: dict) -> bool:
        """Only on steady numbers, and not again right after a change."""
        return (self._since_change >= self.cooldown
                and performance["stability_score"] >= 0.7
                and self.predictor.confidence() > 0)

    def analyze_batch_size_efficiency(self) -> dict:
        """Per batch size seen: items per second and quality; the best size by both."""
        by_size = self.predictor.efficiency_by_size()
        good = {size: e for size, e in by_size.items() if e["high_confidence_rate"] >= self.min_quality}
        best = max(good, key=lambda size: good[size]["items_per_second"]) if good else None
        return {"by_size": by_size, "best_batch_size": best}

    def evaluate(self, performance: dict) -> ScalingDecision:
        missing = [key for key in REQUIRED_KEYS if key not in performance]
        if missing:
            raise KeyError(f"performance lacks {', '.join(missing)}")
        size = int(performance["batch_size"])
        seconds = float(performance["avg_processing_time"])
        quality = float(performance["high_confidence_rate"])
        if size >= 1:
            self.predictor.add_observation(size, seconds, quality)
        self._since_change += 1
        best = self.predict_optimal_batch_size()
        decision = self._decide(performance, size, seconds, quality, best)
        if decision.action != "hold":
            self._since_change = 0
        return decision

    def _decide(self, performance: dict, size: int, seconds: float, quality: float, best: int) -> ScalingDecision:
        if quality < self.min_quality and size > self.min_batch_size:
            return ScalingDecision("scale_down", max(self.min_batch_size, size // 2),
                                   f"quality {quality:.2f} below {self.min_quality:.2f}")
        if seconds > self.target_batch_seconds * 1.2 and size > self.min_batch_size:
            target = min(size - 1, best)
            return ScalingDecision("scale_down", max(self.min_batch_size, target),
                                   f"batches take {seconds:.2f}s, target {self.target_batch_seconds:.2f}s")
        if not self.should_scale_now(performance):
            return ScalingDecision("hold", size, "waiting for steady numbers")
        if seconds < self.target_batch_seconds * 0.8 and size < self.max_batch_size:
            target = min(best, int(size * 1.5) + 1)
            if target > size:
                return ScalingDecision("scale_up", target, f"batches take {seconds:.2f}s with quality {quality:.2f}")
        return ScalingDecision("hold", size, f"within target (best size now {best})")
