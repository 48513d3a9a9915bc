"""Turns reviewer feedback into rule weight changes and tracks whether quality improves."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

log = logging.getLogger(__name__)

HISTORY_FILE = Path("metrics") / "feedback_history.json"


@dataclass(frozen=True)
class RuleChange:
    rule_id: str
    old_weight: float
    new_weight: float
    reason: str


class FeedbackLoopManager:
    """Collects accept/reject decisions per rule; proposes and applies weight changes.

    The history of past iterations is read from ``<data_dir>/metrics/feedback_history.json``
    when present; it is written only by ``save_history()``.
    """

    def __init__(self, data_dir: Path, min_samples: int = 5, step: float = 0.05):
        self.data_dir = Path(data_dir)
        self.min_samples = min_samples
        self.step = step
        self.history: List[dict] = self._load_history()
        self._feedback: List[Tuple[str, bool, Tuple[str, ...]]] = []

    def _load_history(self) -> List[dict]:
        path = self.data_dir / HISTORY_FILE
        if not path.exists():
            return []
        with open(path, encoding="utf-8") as handle:
            records = json.load(handle)
        return [r for r in records if "iteration" in r and "acceptance_rate" in r]

    def record_feedback(self, item_id: str, accepted: bool, rule_ids: Iterable[str]) -> None:
        self._feedback.append((item_id, bool(accepted), tuple(rule_ids)))

    def rule_acceptance(self) -> Dict[str, Tuple[int, int]]:
        """Rule id -> (accepted, total) over the current iteration's feedback."""
        counts: Dict[str, List[int]] = {}
        for _, accepted, rule_ids in self._feedback:
            for rule_id in rule_ids:
                entry = counts.setdefault(rule_id, [0, 0])
                entry[0] += int(accepted)
                entry[1] += 1
        return {rule_id: (a, t) for rule_id, (a, t) in counts.items()}

    def propose_rule_changes(self, weights: Dict[str, float]) -> List[RuleChange]:
        changes = []
        for rule_id, (accepted, total) in sorted(self.rule_acceptance().items()):
            if total < self.min_samples or rule_id not in weights:
                continue
            rate = accepted / total
            old = weights[rule_id]
            if rate >= 0.8:
                new, reason = old + self.step, f"accepted {rate:.0%} of {total}"
            elif rate < 0.5:
                new, reason = max(0.0, old - self.step), f"rejected {1 - rate:.0%} of {total}"
            else:
                continue
            changes.append(RuleChange(rule_id, old, round(new, 4), reason))
        return changes

    def apply_rule_changes(self, generator, changes: List[RuleChange]) -> int:
        """Applies the changes to the generator's rules; returns how many were applied."""
        for change in changes:
            generator.update_rule(change.rule_id, change.new_weight)
            log.info("rule %s: %.3f -> %.3f (%s)", change.rule_id, change.old_weight, change.new_weight, change.reason)
        return len(changes)

    def close_iteration(self, iteration: int, rule_changes: int = 0) -> dict:
        """Summarises the iteration's feedback into the history and starts a new one."""
        total = len(self._feedback)
        accepted = sum(1 for _, ok, _ in self._feedback if ok)
        summary = {
            "iteration": iteration,
            "items": total,
            "acceptance_rate": round(accepted / total, 4) if total else 0.0,
            "rule_changes": rule_changes,
        }
        self.history.append(summary)
        self._feedback = []
        return summary

    def get_improvement_trends(self, window: int = 5) -> dict:
        """Acceptance over the last ``window`` iterations and its slope per iteration."""
        recent = self.history[-window:]
        rates = [r["acceptance_rate"] for r in recent]
        slope = 0.0
        if len(rates) >= 2:
            n = len(rates)
            mean_x, mean_y = (n - 1) / 2, sum(rates) / n
            sxx = sum((x - mean_x) ** 2 for x in range(n))
            slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(rates)) / sxx
        return {
            "iterations": len(recent),
            "acceptance_rates": rates,
            "slope": round(slope, 4),
            "improving": slope > 0.001,
        }

    def save_history(self, path: Optional[Path] = None) -> Path:
        """Writes the history atomically (temporary file, then rename)."""
        target = Path(path) if path else self.data_dir / HISTORY_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.history, out, indent=2)
        os.replace(temp, target)
        return target
