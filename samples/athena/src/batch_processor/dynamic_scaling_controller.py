"""Adjusts the batch size while a run goes on, from the progress tracker's numbers."""

from __future__ import annotations

import logging
import math
from typing import List, Optional

from .progress_tracker import ProgressTracker
from .scaling_manager import ScalingDecision, ScalingManager
from .scaling_predictor import ScalingPredictor

log = logging.getLogger(__name__)


class DynamicScalingController:
    """Reads the tracker after each batch and asks the scaling manager for the next size."""

    def __init__(self, initial_batch_size: int = 50, tracker: Optional[ProgressTracker] = None,
                 predictor: Optional[ScalingPredictor] = None, manager: Optional[ScalingManager] = None,
                 min_batch_size: int = 10, max_batch_size: int = 200):
        self.tracker = tracker if tracker is not None else ProgressTracker()
        self.predictor = predictor if predictor is not None else ScalingPredictor()
        self.manager = manager if manager is not None else ScalingManager(
            min_batch_size=min_batch_size, max_batch_size=max_batch_size, predictor=self.predictor)
        self.batch_size = max(self.manager.min_batch_size, min(self.manager.max_batch_size, initial_batch_size))
        self.decisions: List[ScalingDecision] = []

    def record_batch(self, result) -> None:
        """For standalone use; in the full system the batch manager records into the shared tracker."""
        self.tracker.record_result(result)

    def evaluate_scaling(self) -> ScalingDecision:
        performance = self.tracker.snapshot()
        if performance["batches"] == 0:
            return ScalingDecision("hold", self.batch_size, "no batch finished yet")
        # decide on the configured size: the last batch of a run is often a partial one
        decision = self.manager.evaluate(dict(performance, batch_size=self.batch_size))
        if decision.batch_size != self.batch_size:
            log.info("batch size %d -> %d: %s", self.batch_size, decision.batch_size, decision.reason)
        self.batch_size = decision.batch_size
        self.decisions.append(decision)
        return decision

    def forecast_seconds(self, remaining_items: int) -> float:
        """Expected time for the remaining items at the current batch size."""
        if remaining_items <= 0:
            return 0.0
        batches = math.ceil(remaining_items / self.batch_size)
        return batches * self.predictor.predict_processing_time(self.batch_size)
