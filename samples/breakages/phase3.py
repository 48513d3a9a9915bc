"""Phase 3 gone wrong (runbook Phase 3, Scenario A): notes integration merged into the notes manager.

``notes_integration.py`` is merged into ``notes_manager.py`` and deleted, but only
``log_batch_result`` made it across: ``log_scaling_decision``, ``log_rule_change`` and
``recent_insights`` are gone. ``iterative_refinement_system.py`` is rewired to the
``NotesManager`` and fails as soon as it logs a scaling decision. Alongside, an unrelated
good change a rollback must keep.

``oversimplify_feedback_loop`` (Scenario B, used by ``nuclear.py``) replaces the feedback
loop with a version that lost ``apply_rule_changes``, ``get_improvement_trends`` and the
stored history.

    python3 samples/breakages/phase3.py PROJECT_DIR
"""

import sys

from common import Breakage, add_good_change, main

MERGED_NOTES = '''
    # --- merged from src/ai_analysis/notes_integration.py (phase 3) ---

    def log_batch_result(self, result, low_quality: float = 0.6) -> int:
        self.add_note("batch", f"{result.batch_id}: {result.size} items, "
                               f"{result.high_confidence_rate:.0%} high confidence in {result.duration:.3f}s")
        if result.size and result.high_confidence_rate < low_quality:
            self.add_note("quality", f"{result.batch_id}: high-confidence rate below {low_quality:.0%}", "warning")
        for item_id, reason in result.failures:
            self.add_note("batch", f"generation failed: {reason}", "error", item_id)
        return 1 + len(result.failures)
'''

SIMPLE_FEEDBACK_LOOP = '''"""Feedback: accept/reject decisions per rule, applied straight to the generator (phase 3: simplified)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterable, List


class FeedbackLoopManager:
    def __init__(self, data_dir: Path, step: float = 0.05):
        self.data_dir = Path(data_dir)
        self.step = step
        self.history: List[dict] = []
        self._votes: Dict[str, List[bool]] = {}

    def record_feedback(self, item_id: str, accepted: bool, rule_ids: Iterable[str]) -> None:
        for rule_id in rule_ids:
            self._votes.setdefault(rule_id, []).append(bool(accepted))

    def update_rules(self, generator) -> int:
        changed = 0
        for rule_id, votes in self._votes.items():
            rate = sum(votes) / len(votes)
            if rate >= 0.8 or rate < 0.5:
                weight = generator.rules[rule_id] + (self.step if rate >= 0.8 else -self.step)
                generator.update_rule(rule_id, weight)
                changed += 1
        return changed

    def close_iteration(self, iteration: int, rule_changes: int = 0) -> dict:
        votes = [v for vs in self._votes.values() for v in vs]
        summary = {"iteration": iteration, "acceptance_rate": sum(votes) / len(votes) if votes else 0.0,
                   "rule_changes": rule_changes}
        self.history.append(summary)
        self._votes = {}
        return summary
'''


def consolidate(b: Breakage) -> None:
    b.append("src/ai_analysis/notes_manager.py", MERGED_NOTES)
    b.delete("src/ai_analysis/notes_integration.py")
    system = "src/iterative_refinement_system.py"
    b.edit(system, "from .ai_analysis.notes_integration import NotesIntegration\n",
           "from .ai_analysis.notes_manager import NotesManager\n")
    b.edit(system, "self.notes = NotesIntegration()", "self.notes = NotesManager()")


def oversimplify_feedback_loop(b: Breakage) -> None:
    b.write("src/batch_processor/feedback_loop.py", SIMPLE_FEEDBACK_LOOP)


def build(b: Breakage) -> str:
    consolidate(b)
    add_good_change(b)
    b.log([
        ("INFO", "src.iterative_refinement_system", "iteration 11 starting: 120 items, batch size 20"),
        ("ERROR", "src.iterative_refinement_system", "iteration 11 aborted: AttributeError: "
                  "'NotesManager' object has no attribute 'log_scaling_decision'"),
    ])
    return ("Phase 3 broke: notes_integration.py was merged into notes_manager.py "
            "without its integration methods")


if __name__ == "__main__":
    sys.exit(main(build))
