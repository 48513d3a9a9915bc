"""Named metric series, their summaries, and the history files in data/metrics/."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from statistics import mean
from typing import Dict, List, Optional

DEFAULT_METRICS_DIR = Path("data") / "metrics"


class MetricsCollector:
    """Collects values per metric name, with optional tags, and loads the stored history."""

    def __init__(self, metrics_dir: Optional[Path] = None):
        self.metrics_dir = Path(metrics_dir) if metrics_dir else DEFAULT_METRICS_DIR
        self._series: Dict[str, List[dict]] = {}
        self._history: Dict[str, List[dict]] = {}

    def record(self, name: str, value: float, **tags) -> None:
        if not isinstance(value, (int, float)) or math.isnan(value):
            raise ValueError(f"metric {name}: not a number: {value!r}")
        self._series.setdefault(name, []).append({"value": float(value), **tags})

    def values(self, name: str) -> List[float]:
        return [point["value"] for point in self._series.get(name, [])]

    def names(self) -> List[str]:
        return sorted(self._series)

    def summary(self, name: str) -> dict:
        values = sorted(self.values(name))
        if not values:
            return {"count": 0}
        p95_index = max(0, math.ceil(0.95 * len(values)) - 1)
        return {
            "count": len(values),
            "mean": mean(values),
            "min": values[0],
            "max": values[-1],
            "p95": values[p95_index],
        }

    def load_history(self) -> Dict[str, int]:
        """Reads every ``*.json`` list in the metrics folder; returns the record count per file."""
        counts = {}
        for path in sorted(self.metrics_dir.glob("*.json")):
            with open(path, encoding="utf-8") as handle:
                records = json.load(handle)
            if not isinstance(records, list):
                raise ValueError(f"{path}: expected a list of records")
            self._history[path.stem] = records
            counts[path.name] = len(records)
        return counts

    def history(self, stem: str) -> List[dict]:
        return list(self._history.get(stem, []))

    def export(self, path: Path) -> Path:
        """Writes the current series as one JSON document, atomically."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self._series, out, indent=2, sort_keys=True)
        os.replace(temp, path)
        return path
