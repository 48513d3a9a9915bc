import unittest

from src.batch_processor.dynamic_scaling_controller import DynamicScalingController
from src.batch_processor.processor import BatchResult
from src.utils.smart_description_generator import Description


def batch(batch_id, size, high_confidence, seconds):
    result = BatchResult(batch_id, duration=seconds)
    result.descriptions = [Description(f"{batch_id}-{n}", "text", 0.9 if n < high_confidence else 0.5, ())
                           for n in range(size)]
    return result


class DynamicScalingTest(unittest.TestCase):

    def test_dynamic_scaling_controller_grows_fast_confident_batches(self):
        controller = DynamicScalingController(initial_batch_size=20)
        self.assertEqual(controller.evaluate_scaling().action, "hold")  # nothing measured yet
        controller.record_batch(batch("b1", 20, 18, 0.6))
        decision = controller.evaluate_scaling()
        self.assertEqual(decision.action, "scale_up")
        self.assertEqual(controller.batch_size, decision.batch_size)
        self.assertGreater(controller.batch_size, 20)

    def test_dynamic_scaling_controller_shrinks_on_poor_quality_and_forecasts(self):
        controller = DynamicScalingController(initial_batch_size=40)
        controller.record_batch(batch("b1", 40, 10, 1.6))
        self.assertEqual(controller.evaluate_scaling().action, "scale_down")
        self.assertEqual(controller.batch_size, 20)
        self.assertAlmostEqual(controller.forecast_seconds(100), 5 * 20 * 0.04)
        self.assertEqual(controller.forecast_seconds(0), 0.0)
