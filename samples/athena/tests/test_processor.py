import unittest

from src.batch_processor.processor import BatchProcessor
from src.utils.data_loader import Item, create_mock_data_loader
from src.utils.smart_description_generator import create_mock_generator


class BatchProcessorTest(unittest.TestCase):

    def test_processes_every_item_of_a_batch(self):
        items = create_mock_data_loader(count=12).load_items()
        result = BatchProcessor(create_mock_generator()).process_batch("b1", items)
        self.assertEqual(result.size, 12)
        self.assertEqual(result.success_rate, 1.0)
        self.assertEqual([d.item_id for d in result.descriptions], [i.item_id for i in items])
        self.assertGreaterEqual(result.duration, 0.0)

    def test_a_failing_item_is_reported_and_the_batch_goes_on(self):
        items = [Item("A-1", "Desk lamp", "lamp", {"material": "oak"}), Item("A-2", "", "lamp"),
                 Item("A-3", "Travel mug", "mug")]
        with self.assertLogs("src.batch_processor.processor", "WARNING") as logged:
            result = BatchProcessor(create_mock_generator()).process_batch("b2", items)
        self.assertIn("item A-2 failed", logged.output[0])
        self.assertEqual(len(result.descriptions), 2)
        self.assertEqual(result.failures, [("A-2", "item A-2 has no name")])
        self.assertAlmostEqual(result.success_rate, 2 / 3)
