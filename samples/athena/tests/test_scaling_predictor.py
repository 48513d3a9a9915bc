import unittest

from src.batch_processor.scaling_predictor import ScalingPredictor


class ScalingPredictorTest(unittest.TestCase):

    def test_scaling_predictor_fits_processing_time_per_batch_size(self):
        predictor = ScalingPredictor()
        for size in (10, 20, 40, 80):
            predictor.add_observation(size, 0.2 + 0.03 * size, 0.8)
        intercept, slope = predictor.fit()
        self.assertAlmostEqual(intercept, 0.2)
        self.assertAlmostEqual(slope, 0.03)
        self.assertAlmostEqual(predictor.predict_processing_time(100), 3.2)

    def test_scaling_predictor_picks_the_largest_batch_within_target(self):
        predictor = ScalingPredictor()
        self.assertEqual(predictor.predict_optimal_batch_size(2.0, 10, 200), 50)  # default 0.04 s/item
        for size in (20, 40):
            predictor.add_observation(size, 0.5 + 0.02 * size, 0.8)
        self.assertEqual(predictor.predict_optimal_batch_size(2.5, 10, 200), 100)
        self.assertEqual(predictor.predict_optimal_batch_size(60.0, 10, 200), 200)
        self.assertEqual(predictor.confidence(), 2 / 20)
