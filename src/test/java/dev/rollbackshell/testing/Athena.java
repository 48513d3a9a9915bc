package dev.rollbackshell.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny working replica of the runbook's system for tests: every import and call the
 * runbook's scripts make works, its unittest suite passes, its data parses. Tests break
 * it the way each scenario describes and take hand-made backups of it
 * ({@code redundancy_reduction_backups/<id>/src_backup/...}, the runbook's {@code cp -r}).
 */
public final class Athena {

    public static final String BACKUP_ID = "20260101_120000";
    /** The folders a hand-made backup of the replica copies ({@link BackupFixtures#manual}). */
    public static final String[] FOLDERS = {"src", "tests", "data"};

    /** The plan tests use: the runbook, with unittest (fast, and present wherever python3 is). */
    public static final String PLAN = """
            extends: runbook
            tests:
              runner: unittest
              paths: [tests]
            performance:
              id: scaling-evaluation
              runs: 1
              thresholdPercent: 50
              noiseMillis: 100
              durationPattern: "completed in ([0-9.]+)s"
              python: |
                import time
                start = time.time()
                from src.batch_processor.scaling_manager import ScalingManager
                manager = ScalingManager()
                for i in range(100):
                    manager.should_scale_now({'batch_size': 50})
                print(f'Performance test completed in {time.time() - start:.4f}s')
            """;

    public static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("src/__init__.py", "");
        FILES.put("src/batch_processor/__init__.py", "");
        FILES.put("src/batch_processor/progress_tracker.py", """
                class ProgressTracker:
                    def __init__(self):
                        self.done = 0

                    def update(self, n):
                        self.done += n
                        return self.done
                """);
        FILES.put("src/batch_processor/batch_manager.py", """
                from src.batch_processor.progress_tracker import ProgressTracker


                class BatchManager:
                    def __init__(self):
                        self.tracker = ProgressTracker()

                    def run(self, items):
                        return self.tracker.update(len(items))
                """);
        FILES.put("src/batch_processor/scaling_predictor.py", """
                class ScalingPredictor:
                    def predict(self, history):
                        return max(1, sum(history) // max(1, len(history)))
                """);
        FILES.put("src/batch_processor/scaling_manager.py", """
                import time

                from src.batch_processor.scaling_predictor import ScalingPredictor


                class ScalingManager:
                    def __init__(self):
                        self.predictor = ScalingPredictor()

                    def predict_optimal_batch_size(self, history):
                        return self.predictor.predict(history)

                    def should_scale_now(self, performance):
                        return performance.get('batch_size', 0) > 40

                    def analyze_batch_size_efficiency(self, sizes):
                        return {s: 1.0 for s in sizes}

                    def predict_processing_time(self, size):
                        return size * 0.01
                """);
        FILES.put("src/batch_processor/dynamic_scaling_controller.py", """
                from src.batch_processor.progress_tracker import ProgressTracker
                from src.batch_processor.scaling_manager import ScalingManager


                class DynamicScalingController:
                    def __init__(self):
                        self.tracker = ProgressTracker()
                        self.manager = ScalingManager()

                    def evaluate(self, performance):
                        return self.manager.should_scale_now(performance)
                """);
        FILES.put("src/batch_processor/feedback_loop.py", """
                class FeedbackLoopManager:
                    def __init__(self, data_dir):
                        self.data_dir = data_dir
                        self.rules = []

                    def apply_rule_changes(self, changes):
                        self.rules.extend(changes)
                        return len(self.rules)

                    def get_improvement_trends(self):
                        return {'rules': len(self.rules)}
                """);
        FILES.put("src/batch_processor/processor.py", """
                from src.batch_processor.batch_manager import BatchManager


                class BatchProcessor:
                    def __init__(self):
                        self.manager = BatchManager()

                    def process(self, items):
                        return self.manager.run(items)
                """);
        FILES.put("src/progress_tracking/__init__.py", "");
        FILES.put("src/progress_tracking/metrics_collector.py", """
                import json
                from pathlib import Path


                class MetricsCollector:
                    def __init__(self, data_dir='data/metrics'):
                        self.data_dir = Path(data_dir)

                    def load(self, name):
                        with open(self.data_dir / name) as f:
                            return json.load(f)
                """);
        FILES.put("src/ai_analysis/__init__.py", "");
        FILES.put("src/ai_analysis/notes_manager.py", """
                class NotesManager:
                    def __init__(self):
                        self.notes = []

                    def add(self, note):
                        self.notes.append(note)
                        return len(self.notes)
                """);
        FILES.put("src/ai_analysis/notes_integration.py", """
                from src.ai_analysis.notes_manager import NotesManager


                class NotesIntegration:
                    def __init__(self):
                        self.manager = NotesManager()

                    def log(self, note):
                        return self.manager.add(note)
                """);
        FILES.put("src/utils/__init__.py", "");
        FILES.put("src/utils/data_loader.py", """
                def create_mock_data_loader():
                    return {'items': [1, 2, 3]}
                """);
        FILES.put("src/utils/smart_description_generator.py", """
                def create_mock_generator():
                    return lambda item: 'item %s' % item
                """);
        FILES.put("src/iterative_refinement_system.py", """
                from pathlib import Path

                from src.ai_analysis.notes_integration import NotesIntegration
                from src.batch_processor.feedback_loop import FeedbackLoopManager
                from src.batch_processor.processor import BatchProcessor


                class IterativeRefinementSystem:
                    def __init__(self, loader, generator):
                        self.loader = loader
                        self.generator = generator
                        self.processor = BatchProcessor()
                        self.feedback = FeedbackLoopManager(Path('data'))
                        self.notes = NotesIntegration()

                    def run_iteration(self):
                        items = self.loader['items']
                        done = self.processor.process(items)
                        self.notes.log('processed %d' % done)
                        return [self.generator(i) for i in items]
                """);
        FILES.put("tests/__init__.py", "");
        FILES.put("tests/test_progress.py", """
                import unittest

                from src.batch_processor.batch_manager import BatchManager
                from src.batch_processor.progress_tracker import ProgressTracker


                class TestProgress(unittest.TestCase):
                    def test_tracker_counts(self):
                        t = ProgressTracker()
                        t.update(2)
                        self.assertEqual(t.update(3), 5)

                    def test_batch_manager_tracks(self):
                        self.assertEqual(BatchManager().run([1, 2]), 2)
                """);
        FILES.put("tests/test_scaling.py", """
                import unittest

                from src.batch_processor.dynamic_scaling_controller import DynamicScalingController
                from src.batch_processor.scaling_manager import ScalingManager


                class TestScaling(unittest.TestCase):
                    def test_scaling_decision(self):
                        self.assertTrue(ScalingManager().should_scale_now({'batch_size': 50}))

                    def test_predict_batch_size(self):
                        self.assertEqual(ScalingManager().predict_optimal_batch_size([10, 20]), 15)

                    def test_controller_evaluates_scaling(self):
                        self.assertFalse(DynamicScalingController().evaluate({'batch_size': 10}))
                """);
        FILES.put("tests/test_feedback.py", """
                import unittest
                from pathlib import Path

                from src.batch_processor.feedback_loop import FeedbackLoopManager


                class TestFeedback(unittest.TestCase):
                    def test_feedback_rules(self):
                        m = FeedbackLoopManager(Path('data'))
                        self.assertEqual(m.apply_rule_changes(['a']), 1)
                        self.assertEqual(m.get_improvement_trends(), {'rules': 1})
                """);
        FILES.put("tests/test_notes.py", """
                import unittest

                from src.ai_analysis.notes_integration import NotesIntegration


                class TestNotes(unittest.TestCase):
                    def test_notes_logged(self):
                        self.assertEqual(NotesIntegration().log('x'), 1)
                """);
        FILES.put("tests/test_workflow.py", """
                import unittest

                from src.iterative_refinement_system import IterativeRefinementSystem
                from src.utils.data_loader import create_mock_data_loader
                from src.utils.smart_description_generator import create_mock_generator


                class TestWorkflow(unittest.TestCase):
                    def test_refinement_iteration(self):
                        system = IterativeRefinementSystem(create_mock_data_loader(), create_mock_generator())
                        self.assertEqual(system.run_iteration(), ['item 1', 'item 2', 'item 3'])
                """);
        FILES.put("data/metrics/run_001.json", "[{\"batch\": 1, \"ok\": true}, {\"batch\": 2, \"ok\": true}, {\"batch\": 3, \"ok\": false}]\n");
        FILES.put("data/metrics/run_002.json", "[{\"batch\": 4, \"ok\": true}, {\"batch\": 5, \"ok\": true}]\n");
        FILES.put("data/logs/system.log", """
                2026-01-01 12:00:00 INFO batch processor started
                2026-01-01 12:00:01 INFO scaling evaluation ok
                2026-01-01 12:00:02 ERROR progress tracker: cannot write checkpoint
                Traceback (most recent call last):
                  File "src/batch_processor/progress_tracker.py", line 6, in update
                ValueError: bad checkpoint
                2026-01-01 12:00:03 WARNING retrying
                2026-01-01 12:00:04 INFO done
                """);
    }

    private Athena() {
    }

    /** {@code java -cp target/test-classes:target/classes dev.rollbackshell.testing.Athena DIR [--backup]}: a replica to try things on. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        create(dir);
        if (args.length > 1 && args[1].equals("--backup")) {
            BackupFixtures.manual(dir, BACKUP_ID, FOLDERS);
        }
    }

    /** Writes the replica and the test plan into {@code dir}. */
    public static Path create(Path dir) throws IOException {
        for (var e : FILES.entrySet()) {
            TestFiles.write(dir, e.getKey(), e.getValue());
        }
        TestFiles.write(dir, "rollback-plan.yml", PLAN);
        return dir;
    }
}
