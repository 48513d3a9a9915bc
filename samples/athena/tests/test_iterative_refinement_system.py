import unittest
from pathlib import Path

from src.iterative_refinement_system import IterativeRefinementSystem
from src.utils.data_loader import create_mock_data_loader
from src.utils.smart_description_generator import create_mock_generator

DATA = Path(__file__).resolve().parents[1] / "data"


class IterativeRefinementSystemTest(unittest.TestCase):

    def setUp(self):
        self.system = IterativeRefinementSystem(create_mock_data_loader(), create_mock_generator(), data_dir=DATA)

    def test_one_iteration_processes_every_item(self):
        report = self.system.run_iteration()
        self.assertEqual(report.items, 120)
        self.assertEqual(report.failed_items, 0)
        self.assertGreater(report.batches, 1)
        self.assertGreaterEqual(report.final_batch_size, 10)
        self.assertGreater(len(self.system.notes.notes), report.batches)

    def test_acceptance_improves_over_iterations(self):
        reports = self.system.run(3)
        self.assertLess(reports[0].acceptance_rate, reports[-1].acceptance_rate)
        status = self.system.status()
        self.assertEqual(status["trends"]["acceptance_rates"][-3:], [r.acceptance_rate for r in reports])
        self.assertEqual(status["progress"]["processed"], 360)
