import unittest

from src.ai_analysis.notes_manager import NotesManager


class NotesManagerTest(unittest.TestCase):

    def test_notes_are_filtered_summarised_and_the_oldest_evicted(self):
        notes = NotesManager(max_notes=3)
        notes.add_note("batch", "b1 done")
        notes.add_note("quality", "b2 quality low", "warning")
        notes.add_note("scaling", "scale_up to 30")
        notes.add_note("batch", "b3 failed item", "error", item_id="SKU-1")
        self.assertEqual(len(notes), 3)
        self.assertEqual([n.message for n in notes.get_notes(min_severity="warning")],
                         ["b2 quality low", "b3 failed item"])
        self.assertEqual(notes.summarize()["by_category"], {"quality": 1, "scaling": 1, "batch": 1})
        self.assertIn("[error] batch: b3 failed item (SKU-1)", notes.to_markdown())
        with self.assertRaises(ValueError):
            notes.add_note("gossip", "unknown category")
