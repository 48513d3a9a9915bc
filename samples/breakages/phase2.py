"""Phase 2 gone wrong (runbook Phase 2, Scenarios A and B): the predictor merged into the manager.

``scaling_predictor.py`` is merged into ``scaling_manager.py`` and deleted. The merged
``ScalingManager`` lost two of its prediction methods (``predict_processing_time`` became
the private ``_predict_time``; ``analyze_batch_size_efficiency`` was dropped as "only
used by tests"), keeps every observation for ever and re-fits its line for each candidate
batch size, so evaluations also got much slower (Scenario C).
``dynamic_scaling_controller.py`` is rewired to the manager and calls the method that no
longer exists. Alongside, an unrelated good change a rollback must keep.

    python3 samples/breakages/phase2.py PROJECT_DIR
"""

import sys

from common import Breakage, add_good_change, main

MERGED_SCALING_MANAGER = '''"""Scaling decisions and batch time prediction, in one place (phase 2: scaling_predictor merged in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

REQUIRED_KEYS = ("batch_size", "high_confidence_rate", "avg_processing_time", "stability_score")
DEFAULT_SECONDS_PER_ITEM = 0.04


@dataclass(frozen=True)
class ScalingDecision:
    action: str  # "scale_up", "scale_down" or "hold"
    batch_size: int
    reason: str


class ScalingManager:
    """Decides on the batch size and predicts batch times from everything observed so far."""

    def __init__(self, min_batch_size: int = 10, max_batch_size: int = 200,
                 target_batch_seconds: float = 2.5, cooldown: int = 2, min_quality: float = 0.6):
        if not 1 <= min_batch_size <= max_batch_size:
            raise ValueError("need 1 <= min_batch_size <= max_batch_size")
        self.min_batch_size = min_batch_size
        self.max_batch_size = max_batch_size
        self.target_batch_seconds = target_batch_seconds
        self.cooldown = cooldown
        self.min_quality = min_quality
        self.observations: List[Tuple[int, float, float]] = []  # (size, seconds, quality), all of them
        self._since_change = cooldown

    def _fit(self) -> Optional[Tuple[float, float]]:
        sizes = [s for s, _, _ in self.observations]
        if len(set(sizes)) < 2:
            return None
        times = [t for _, t, _ in self.observations]
        mean_x, mean_y = sum(sizes) / len(sizes), sum(times) / len(times)
        sxx = sum((x - mean_x) ** 2 for x in sizes)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(sizes, times)) / sxx
        return mean_y - slope * mean_x, slope

    def _predict_time(self, batch_size: int) -> float:
        line = self._fit()
        if line is None or line[1] <= 0:
            items = sum(s for s, _, _ in self.observations)
            per_item = sum(t for _, t, _ in self.observations) / items if items else DEFAULT_SECONDS_PER_ITEM
            return batch_size * per_item
        return max(0.0, line[0] + line[1] * batch_size)

    def _expected_quality(self, batch_size: int) -> float:
        if not self.observations:
            return 1.0
        weights = [1.0 / (1.0 + ((batch_size - s) / 20.0) ** 2) for s, _, _ in self.observations]
        return sum(w * q for w, (_, _, q) in zip(weights, self.observations)) / sum(weights)

    def predict_optimal_batch_size(self, target_seconds: Optional[float] = None) -> int:
        target = target_seconds or self.target_batch_seconds
        best, best_score = self.min_batch_size, -1.0
        for size in range(self.min_batch_size, self.max_batch_size + 1):
            seconds = self._predict_time(size)
            if seconds > target + 1e-9:
                continue
            throughput = size / seconds if seconds > 0 else float(size) * 1e9
            score = throughput * self._expected_quality(size)
            if score >= best_score * (1 - 1e-9):
                best, best_score = size, score
        return best

    def should_scale_now(self, performance: dict) -> bool:
        return (self._since_change >= self.cooldown and performance["stability_score"] >= 0.7
                and bool(self.observations))

    def evaluate(self, performance: dict) -> ScalingDecision:
        missing = [key for key in REQUIRED_KEYS if key not in performance]
        if missing:
            raise KeyError(f"performance lacks {', '.join(missing)}")
        size = int(performance["batch_size"])
        seconds = float(performance["avg_processing_time"])
        quality = float(performance["high_confidence_rate"])
        if size >= 1:
            self.observations.append((size, seconds, quality))
        self._since_change += 1
        best = self.predict_optimal_batch_size()
        if quality < self.min_quality and size > self.min_batch_size:
            decision = ScalingDecision("scale_down", max(self.min_batch_size, size // 2),
                                       f"quality {quality:.2f} below {self.min_quality:.2f}")
        elif seconds > self.target_batch_seconds * 1.2 and size > self.min_batch_size:
            decision = ScalingDecision("scale_down", max(self.min_batch_size, min(size - 1, best)),
                                       f"batches take {seconds:.2f}s, target {self.target_batch_seconds:.2f}s")
        elif (self.should_scale_now(performance) and seconds < self.target_batch_seconds * 0.8
              and size < self.max_batch_size and min(best, int(size * 1.5) + 1) > size):
            decision = ScalingDecision("scale_up", min(best, int(size * 1.5) + 1),
                                       f"batches take {seconds:.2f}s with quality {quality:.2f}")
        else:
            decision = ScalingDecision("hold", size, f"within target (best size now {best})")
        if decision.action != "hold":
            self._since_change = 0
        return decision
'''


def consolidate(b: Breakage) -> None:
    b.delete("src/batch_processor/scaling_predictor.py")
    b.write("src/batch_processor/scaling_manager.py", MERGED_SCALING_MANAGER)
    controller = "src/batch_processor/dynamic_scaling_controller.py"
    b.edit(controller, "from .scaling_predictor import ScalingPredictor\n", "")
    b.edit(controller, "                 predictor: Optional[ScalingPredictor] = None, manager: Optional[ScalingManager] = None,\n",
           "                 manager: Optional[ScalingManager] = None,\n")
    b.edit(controller, "        self.predictor = predictor if predictor is not None else ScalingPredictor()\n", "")
    b.edit(controller, "            min_batch_size=min_batch_size, max_batch_size=max_batch_size, predictor=self.predictor)",
           "            min_batch_size=min_batch_size, max_batch_size=max_batch_size)")
    b.edit(controller, "self.predictor.predict_processing_time(self.batch_size)",
           "self.manager.predict_processing_time(self.batch_size)")


def build(b: Breakage) -> str:
    consolidate(b)
    add_good_change(b)
    b.log([
        ("WARNING", "src.batch_processor.scaling_manager", "scaling evaluation took 412 ms (usually under 5 ms)"),
        ("ERROR", "src.batch_processor.dynamic_scaling_controller", "forecast failed: AttributeError: "
                  "'ScalingManager' object has no attribute 'predict_processing_time'"),
    ])
    return ("Phase 2 broke: scaling_predictor.py was merged into scaling_manager.py, "
            "losing two methods and much speed")


if __name__ == "__main__":
    sys.exit(main(build))
