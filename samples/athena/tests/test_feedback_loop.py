import json
import tempfile
import unittest
from pathlib import Path

from src.batch_processor.feedback_loop import FeedbackLoopManager
from src.utils.smart_description_generator import create_mock_generator


class FeedbackLoopTest(unittest.TestCase):

    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.data_dir = Path(self.folder.name)

    def tearDown(self):
        self.folder.cleanup()

    def test_feedback_changes_rule_weights(self):
        loop = FeedbackLoopManager(self.data_dir)
        for n in range(6):
            loop.record_feedback(f"good-{n}", True, ["mention_material"])
            loop.record_feedback(f"bad-{n}", n == 0, ["mention_brand"])
        generator = create_mock_generator()
        changes = loop.propose_rule_changes(generator.rules)
        self.assertEqual([(c.rule_id, c.new_weight) for c in changes],
                         [("mention_brand", 0.0), ("mention_material", 0.23)])
        self.assertEqual(loop.apply_rule_changes(generator, changes), 2)
        self.assertEqual(generator.rules["mention_material"], 0.23)

    def test_improvement_trends_continue_the_stored_history(self):
        (self.data_dir / "metrics").mkdir()
        history = [{"iteration": n, "acceptance_rate": rate} for n, rate in enumerate([0.6, 0.65, 0.7], 1)]
        (self.data_dir / "metrics" / "feedback_history.json").write_text(json.dumps(history))
        loop = FeedbackLoopManager(self.data_dir)
        loop.record_feedback("x", True, [])
        loop.close_iteration(4)
        trends = loop.get_improvement_trends()
        self.assertEqual(trends["acceptance_rates"], [0.6, 0.65, 0.7, 1.0])
        self.assertTrue(trends["improving"])
        saved = json.loads(loop.save_history().read_text())
        self.assertEqual(len(saved), 4)
