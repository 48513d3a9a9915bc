import unittest

from src.ai_analysis.notes_integration import NotesIntegration
from src.batch_processor.feedback_loop import RuleChange
from src.batch_processor.processor import BatchResult
from src.batch_processor.scaling_manager import ScalingDecision
from src.utils.smart_description_generator import Description


class NotesIntegrationTest(unittest.TestCase):

    def test_batches_with_low_quality_and_failures_are_logged(self):
        integration = NotesIntegration()
        result = BatchResult("b7", descriptions=[Description("A", "t", 0.5, ())], failures=[("B", "no name")])
        self.assertEqual(integration.log_batch_result(result), 3)
        self.assertEqual(integration.notes.summarize()["by_severity"], {"info": 1, "warning": 1, "error": 1})

    def test_scaling_decisions_and_rule_changes_become_insights(self):
        integration = NotesIntegration()
        integration.log_scaling_decision(ScalingDecision("scale_down", 25, "quality 0.40 below 0.60"))
        integration.log_rule_change(RuleChange("mention_brand", 0.05, 0.0, "rejected 70% of 10"))
        self.assertEqual(integration.recent_insights(2), [
            "scaling: scale_down to 25: quality 0.40 below 0.60",
            "rules: mention_brand 0.050 -> 0.000 (rejected 70% of 10)",
        ])
