import unittest

from src.batch_processor.progress_tracker import ProgressTracker


class ProgressTrackerTest(unittest.TestCase):

    def test_tracks_processed_items_and_completion(self):
        tracker = ProgressTracker(total_items=100)
        tracker.record_batch("b1", 20, 20, 15, 0.8)
        tracker.record_batch("b2", 30, 29, 24, 1.1)
        self.assertEqual(tracker.processed, 50)
        self.assertEqual(tracker.percent_complete, 50.0)
        self.assertAlmostEqual(tracker.eta_seconds(), 50 * 1.9 / 50)

    def test_snapshot_has_what_scaling_decides_on(self):
        tracker = ProgressTracker()
        tracker.record_batch("b1", 40, 40, 30, 2.0)
        tracker.record_batch("b2", 40, 40, 34, 2.2)
        snapshot = tracker.snapshot()
        self.assertEqual(snapshot["batch_size"], 40)
        self.assertAlmostEqual(snapshot["high_confidence_rate"], 0.8)
        self.assertAlmostEqual(snapshot["avg_processing_time"], 2.1)
        self.assertGreater(snapshot["stability_score"], 0.9)

    def test_stability_drops_when_quality_swings(self):
        steady, swinging = ProgressTracker(), ProgressTracker()
        for n, high in enumerate([16, 17, 16, 17]):
            steady.record_batch(f"s{n}", 20, 20, high, 1.0)
        for n, high in enumerate([19, 4, 18, 3]):
            swinging.record_batch(f"w{n}", 20, 20, high, 1.0)
        self.assertGreater(steady.stability_score(), 0.9)
        self.assertLess(swinging.stability_score(), 0.5)

    def test_inconsistent_counts_are_refused(self):
        with self.assertRaises(ValueError):
            ProgressTracker().record_batch("bad", 10, 12, 3, 1.0)
