import json
import tempfile
import unittest
from pathlib import Path

from src.progress_tracking.metrics_collector import MetricsCollector

DATA_METRICS = Path(__file__).resolve().parents[1] / "data" / "metrics"


class MetricsCollectorTest(unittest.TestCase):

    def test_summary_statistics(self):
        collector = MetricsCollector()
        for value in [1.0, 2.0, 3.0, 4.0, 10.0]:
            collector.record("batch_seconds", value, batch="b")
        summary = collector.summary("batch_seconds")
        self.assertEqual(summary["count"], 5)
        self.assertEqual(summary["mean"], 4.0)
        self.assertEqual((summary["min"], summary["max"], summary["p95"]), (1.0, 10.0, 10.0))
        self.assertEqual(collector.summary("unknown"), {"count": 0})

    def test_stored_metrics_history_loads(self):
        counts = MetricsCollector(DATA_METRICS).load_history()
        self.assertGreaterEqual(len(counts), 3)
        self.assertTrue(all(count > 0 for count in counts.values()), counts)

    def test_export_round_trips(self):
        collector = MetricsCollector()
        collector.record("high_confidence_rate", 0.75, batch="b1")
        with tempfile.TemporaryDirectory() as folder:
            path = collector.export(Path(folder) / "out" / "metrics.json")
            with open(path) as handle:
                self.assertEqual(json.load(handle), {"high_confidence_rate": [{"value": 0.75, "batch": "b1"}]})

