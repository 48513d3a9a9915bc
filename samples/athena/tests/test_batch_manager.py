import unittest

from src.batch_processor.batch_manager import BatchManager
from src.batch_processor.processor import BatchProcessor
from src.utils.data_loader import create_mock_data_loader
from src.utils.smart_description_generator import create_mock_generator


class BatchManagerTest(unittest.TestCase):

    def test_runs_all_items_in_batches_resized_between_batches(self):
        items = create_mock_data_loader(count=50).load_items()
        manager = BatchManager(BatchProcessor(create_mock_generator()), batch_size=10)
        self.assertEqual([len(b) for b in manager.plan_batches(items)], [10] * 5)
        sizes = iter([20, 5])
        results = manager.run(items, on_batch=lambda result: next(sizes, None))
        self.assertEqual([r.size for r in results], [10, 20, 5, 5, 5, 5])
        self.assertEqual(manager.tracker.processed, 50)
        self.assertEqual(manager.tracker.percent_complete, 100.0)
        self.assertEqual(BatchManager.failed_items(results), [])
