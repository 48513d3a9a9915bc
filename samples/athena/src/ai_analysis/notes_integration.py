"""Writes notes about what the running system does: batches, scaling decisions, rule changes."""

from __future__ import annotations

from typing import List, Optional

from .notes_manager import NotesManager


class NotesIntegration:
    def __init__(self, notes_manager: Optional[NotesManager] = None, low_quality: float = 0.6):
        self.notes = notes_manager if notes_manager is not None else NotesManager()
        self.low_quality = low_quality

    def log_batch_result(self, result) -> int:
        """One note per batch, a warning on low quality, one per failed item; returns how many."""
        written = 1
        self.notes.add_note("batch", f"{result.batch_id}: {result.size} items, "
                                     f"{result.high_confidence_rate:.0%} high confidence in {result.duration:.3f}s")
        if result.size and result.high_confidence_rate < self.low_quality:
            self.notes.add_note("quality", f"{result.batch_id}: high-confidence rate "
                                           f"{result.high_confidence_rate:.0%} below {self.low_quality:.0%}", "warning")
            written += 1
        for item_id, reason in result.failures:
            self.notes.add_note("batch", f"generation failed: {reason}", "error", item_id)
            written += 1
        return written

    def log_scaling_decision(self, decision) -> None:
        severity = "warning" if decision.action == "scale_down" else "info"
        self.notes.add_note("scaling", f"{decision.action} to {decision.batch_size}: {decision.reason}", severity)

    def log_rule_change(self, change) -> None:
        self.notes.add_note("rules", f"{change.rule_id} {change.old_weight:.3f} -> {change.new_weight:.3f} "
                                     f"({change.reason})")

    def recent_insights(self, limit: int = 5) -> List[str]:
        """Warnings and errors first, newest first; then the latest other notes."""
        notes = self.notes.get_notes()
        flagged = [n for n in reversed(notes) if n.severity != "info"]
        others = [n for n in reversed(notes) if n.severity == "info"]
        return [f"{n.category}: {n.message}" for n in (flagged + others)[:limit]]
