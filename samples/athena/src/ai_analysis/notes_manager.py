"""Analysis notes: short observations kept in memory, newest last, oldest evicted first."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Deque, List, Optional

CATEGORIES = ("batch", "scaling", "rules", "quality", "general")
SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class Note:
    timestamp: datetime
    category: str
    message: str
    severity: str = "info"
    item_id: Optional[str] = None


class NotesManager:
    def __init__(self, max_notes: int = 1000, clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        if max_notes < 1:
            raise ValueError("max_notes must be at least 1")
        self._notes: Deque[Note] = deque(maxlen=max_notes)
        self._clock = clock

    def add_note(self, category: str, message: str, severity: str = "info", item_id: Optional[str] = None) -> Note:
        if category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}; one of {', '.join(CATEGORIES)}")
        if severity not in SEVERITIES:
            raise ValueError(f"unknown severity {severity!r}; one of {', '.join(SEVERITIES)}")
        note = Note(self._clock(), category, message.strip(), severity, item_id)
        self._notes.append(note)
        return note

    def get_notes(self, category: Optional[str] = None, min_severity: str = "info") -> List[Note]:
        floor = SEVERITIES.index(min_severity)
        return [n for n in self._notes
                if (category is None or n.category == category) and SEVERITIES.index(n.severity) >= floor]

    def __len__(self) -> int:
        return len(self._notes)

    def summarize(self) -> dict:
        return {
            "total": len(self._notes),
            "by_category": dict(Counter(n.category for n in self._notes)),
            "by_severity": dict(Counter(n.severity for n in self._notes)),
        }

    def to_markdown(self, limit: int = 20) -> str:
        lines = ["# Analysis notes", ""]
        for note in list(self._notes)[-limit:]:
            item = f" ({note.item_id})" if note.item_id else ""
            lines.append(f"- {note.timestamp:%Y-%m-%d %H:%M:%S} [{note.severity}] {note.category}: {note.message}{item}")
        return "\n".join(lines) + "\n"
