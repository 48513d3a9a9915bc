"""The whole loop: generate descriptions in dynamically sized batches, collect feedback,
refine the rules, and measure whether acceptance improves from one iteration to the next."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Optional

from .ai_analysis.notes_integration import NotesIntegration
from .batch_processor.batch_manager import BatchManager
from .batch_processor.dynamic_scaling_controller import DynamicScalingController
from .batch_processor.feedback_loop import FeedbackLoopManager
from .batch_processor.processor import BatchProcessor
from .batch_processor.progress_tracker import ProgressTracker
from .progress_tracking.metrics_collector import MetricsCollector

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IterationReport:
    iteration: int
    items: int
    batches: int
    failed_items: int
    high_confidence_rate: float
    acceptance_rate: float
    rule_changes: int
    final_batch_size: int


class IterativeRefinementSystem:
    """Orchestrates the components; construction reads the stored history and writes nothing."""

    def __init__(self, data_loader, generator, data_dir: Path = Path("data"), initial_batch_size: int = 20,
                 acceptance_threshold: float = 0.7, reviewer: Optional[Callable] = None):
        self.data_loader = data_loader
        self.generator = generator
        self.acceptance_threshold = acceptance_threshold
        self.reviewer = reviewer or self._default_review
        self.tracker = ProgressTracker(total_items=len(data_loader))
        self.processor = BatchProcessor(generator)
        self.scaling = DynamicScalingController(initial_batch_size, tracker=self.tracker)
        self.batches = BatchManager(self.processor, tracker=self.tracker, batch_size=self.scaling.batch_size)
        self.feedback = FeedbackLoopManager(Path(data_dir))
        self.notes = NotesIntegration()
        self.metrics = MetricsCollector(Path(data_dir) / "metrics")
        self.iteration = 0

    def _default_review(self, description) -> bool:
        return description.confidence >= self.acceptance_threshold

    def _on_batch(self, result) -> int:
        self.notes.log_batch_result(result)
        for description in result.descriptions:
            self.feedback.record_feedback(description.item_id, self.reviewer(description), description.rule_ids)
        decision = self.scaling.evaluate_scaling()
        self.notes.log_scaling_decision(decision)
        self.metrics.record("batch_seconds", result.duration, batch=result.batch_id)
        self.metrics.record("high_confidence_rate", result.high_confidence_rate, batch=result.batch_id)
        return decision.batch_size

    def run_iteration(self) -> IterationReport:
        self.iteration += 1
        items = self.data_loader.load_items()
        self.tracker.total_items = self.tracker.processed + len(items)
        results = self.batches.run(items, on_batch=self._on_batch)
        changes = self.feedback.propose_rule_changes(self.generator.rules)
        self.feedback.apply_rule_changes(self.generator, changes)
        for change in changes:
            self.notes.log_rule_change(change)
        summary = self.feedback.close_iteration(self.iteration, len(changes))
        processed = sum(r.size for r in results)
        high = sum(r.high_confidence_count for r in results)
        report = IterationReport(
            iteration=self.iteration,
            items=processed,
            batches=len(results),
            failed_items=len(BatchManager.failed_items(results)),
            high_confidence_rate=round(high / processed, 4) if processed else 0.0,
            acceptance_rate=summary["acceptance_rate"],
            rule_changes=len(changes),
            final_batch_size=self.scaling.batch_size,
        )
        log.info("iteration %d: %s", self.iteration, report)
        return report

    def run(self, iterations: int = 3) -> List[IterationReport]:
        return [self.run_iteration() for _ in range(iterations)]

    def status(self) -> dict:
        return {
            "iteration": self.iteration,
            "progress": self.tracker.snapshot(),
            "batch_size": self.scaling.batch_size,
            "trends": self.feedback.get_improvement_trends(),
            "insights": self.notes.recent_insights(3),
        }
