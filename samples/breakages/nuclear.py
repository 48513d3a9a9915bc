"""Everything gone wrong at once (runbook: Nuclear Option): phases 1, 2 and 3 applied together,
the feedback loop oversimplified (Phase 3, Scenario B), and the metrics history damaged:
``batch_metrics.json`` cut off halfway through a write, ``feedback_history.json`` rewritten
with only its last two records. Alongside, the same unrelated good change as the phases.

    python3 samples/breakages/nuclear.py PROJECT_DIR
"""

import json
import sys

import phase1
import phase2
import phase3
from common import Breakage, add_good_change, main


def damage_data(b: Breakage) -> str:
    """Damages two metrics files; returns the error that reading the cut-off one now gives."""
    cut = b.read("data/metrics/batch_metrics.json")
    cut = cut[:len(cut) // 2]
    b.write("data/metrics/batch_metrics.json", cut)
    history = json.loads(b.read("data/metrics/feedback_history.json"))
    b.write("data/metrics/feedback_history.json", json.dumps(history[-2:], indent=2) + "\n")
    try:
        json.loads(cut)
        return "no error"
    except ValueError as error:
        return str(error)


def build(b: Breakage) -> str:
    phase1.consolidate(b)
    phase2.consolidate(b)
    phase3.consolidate(b)
    phase3.oversimplify_feedback_loop(b)
    data_error = damage_data(b)
    add_good_change(b)
    b.log([
        ("INFO", "athena", "Athena 2.3.0 starting (pid 52610), data dir data/"),
        ("ERROR", "src.progress_tracking.metrics_collector", f"loading history: batch_metrics.json: {data_error}"),
        ("ERROR", "athena", "startup failed: ModuleNotFoundError: No module named 'src.batch_processor.progress_tracker'"),
    ])
    return ("Phases 1 to 3 broke at once: three modules merged away, the feedback loop gutted, "
            "metrics data damaged")


if __name__ == "__main__":
    sys.exit(main(build))
