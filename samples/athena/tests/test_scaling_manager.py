import unittest

from src.batch_processor.scaling_manager import ScalingManager

STEADY_AND_FAST = {"batch_size": 50, "high_confidence_rate": 0.85, "avg_processing_time": 1.0,
                   "stability_score": 0.9}


class ScalingManagerTest(unittest.TestCase):

    def test_scaling_up_when_batches_are_fast_and_confident(self):
        manager = ScalingManager()
        decision = manager.evaluate(STEADY_AND_FAST)
        self.assertEqual(decision.action, "scale_up")
        self.assertEqual(decision.batch_size, 76)  # at most half as large again

    def test_scaling_down_when_quality_drops(self):
        decision = ScalingManager().evaluate(dict(STEADY_AND_FAST, high_confidence_rate=0.4))
        self.assertEqual((decision.action, decision.batch_size), ("scale_down", 25))

    def test_scaling_holds_right_after_a_change_and_on_swinging_numbers(self):
        manager = ScalingManager(cooldown=2)
        self.assertEqual(manager.evaluate(STEADY_AND_FAST).action, "scale_up")
        self.assertEqual(manager.evaluate(dict(STEADY_AND_FAST, batch_size=76)).action, "hold")
        self.assertEqual(ScalingManager().evaluate(dict(STEADY_AND_FAST, stability_score=0.3)).action, "hold")

    def test_scaling_manager_offers_the_prediction_methods(self):
        manager = ScalingManager(target_batch_seconds=2.0)
        for size in (20, 40):
            manager.evaluate(dict(STEADY_AND_FAST, batch_size=size, avg_processing_time=0.05 * size))
        self.assertAlmostEqual(manager.predict_processing_time(30), 1.5)
        self.assertEqual(manager.predict_optimal_batch_size(), 40)
        self.assertFalse(manager.should_scale_now(STEADY_AND_FAST))  # it just scaled up from 20
        analysis = manager.analyze_batch_size_efficiency()
        self.assertEqual(sorted(analysis["by_size"]), [20, 40])
        self.assertIn(analysis["best_batch_size"], (20, 40))

    def test_scaling_refuses_incomplete_performance_data(self):
        with self.assertRaises(KeyError):
            ScalingManager().evaluate({"batch_size": 50})
