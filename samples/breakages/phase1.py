"""Phase 1 gone wrong (runbook Phase 1, Scenario A): progress tracking consolidated into metrics.

``progress_tracker.py`` is merged into ``MetricsCollector`` and deleted. The importers are
left dangling: ``dynamic_scaling_controller.py`` is rewired to import ``ProgressTracker``
from ``metrics_collector`` (where the merge renamed it away), ``batch_manager.py`` and
``iterative_refinement_system.py`` still import the deleted module. Every one of them now
fails with an ImportError. Alongside, an unrelated good change a rollback must keep.

    python3 samples/breakages/phase1.py PROJECT_DIR
"""

import sys

from common import Breakage, add_good_change, main

MERGED_PROGRESS = '''
    # --- progress tracking, merged from src/batch_processor/progress_tracker.py (phase 1) ---
    # A batch is just three more metric series; the separate tracker class is gone.

    def record_batch(self, batch_id: str, size: int, succeeded: int, high_confidence: int,
                     duration: float) -> None:
        self.record("batch_size", size, batch=batch_id, succeeded=succeeded)
        self.record("batch_seconds", duration, batch=batch_id)
        self.record("high_confidence_rate", high_confidence / size if size else 0.0, batch=batch_id)

    def progress_snapshot(self, window: int = 10) -> dict:
        sizes = self.values("batch_size")
        seconds = self.values("batch_seconds")[-window:]
        rates = self.values("high_confidence_rate")[-window:]
        return {
            "batches": len(sizes),
            "processed": int(sum(sizes)),
            "batch_size": int(sizes[-1]) if sizes else 0,
            "high_confidence_rate": mean(rates) if rates else 0.0,
            "avg_processing_time": mean(seconds) if seconds else 0.0,
        }
'''


def consolidate(b: Breakage) -> None:
    b.append("src/progress_tracking/metrics_collector.py", MERGED_PROGRESS)
    b.delete("src/batch_processor/progress_tracker.py")
    controller = "src/batch_processor/dynamic_scaling_controller.py"
    b.edit(controller, "from .progress_tracker import ProgressTracker\n",
           "from ..progress_tracking.metrics_collector import ProgressTracker\n")
    b.edit(controller, "performance = self.tracker.snapshot()", "performance = self.tracker.progress_snapshot()")


def build(b: Breakage) -> str:
    consolidate(b)
    add_good_change(b)
    b.log([
        ("INFO", "athena", "Athena 2.3.0 starting (pid 51877), data dir data/"),
        ("ERROR", "athena", "startup failed: ModuleNotFoundError: No module named "
                            "'src.batch_processor.progress_tracker' (src/iterative_refinement_system.py, line 16)"),
        ("ERROR", "src.batch_processor.dynamic_scaling_controller", "ImportError: cannot import name "
                  "'ProgressTracker' from 'src.progress_tracking.metrics_collector'"),
    ])
    return ("Phase 1 broke: progress_tracker.py was merged into metrics_collector.py "
            "and its importers were left dangling")


if __name__ == "__main__":
    sys.exit(main(build))
