package dev.rollbackshell.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.plan.TriggerIds;
import dev.rollbackshell.testing.Athena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diagnose on the replica: each trigger firing and not, each runbook scenario recognised by its symptoms. */
class DiagnoserTest {

    @TempDir
    Path dir;

    private static Diagnosis.Trigger trigger(Diagnosis d, String id) {
        return d.triggers().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> fired(Diagnosis d) {
        return d.fired().stream().map(Diagnosis.Trigger::id).toList();
    }

    private static String firstScenario(Diagnosis d) {
        return d.scenarios().isEmpty() ? null : d.scenarios().get(0).id();
    }

    @Test
    void healthyProjectFiresNothing() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        Diagnosis d = c.diagnose();
        assertThat(d.healthy()).as("%s", d.triggers()).isTrue();
        assertThat(d.triggers()).extracting(Diagnosis.Trigger::id).containsExactlyElementsOf(TriggerIds.ALL);
        assertThat(d.triggers()).allSatisfy(t -> assertThat(t.evidence()).isNotEmpty());
        assertThat(trigger(d, TriggerIds.TESTS_REGRESSED).evidence().get(0)).startsWith("8 passed");
        assertThat(d.changed().isEmpty()).isTrue();
        assertThat(d.implicated()).isEmpty();
        assertThat(d.scenarios()).isEmpty();
        assertThat(d.baseline()).isEqualTo("backup");
        assertThat(d.status()).containsEntry("src/batch_processor/progress_tracker.py", "present");
        assertThat(c.progress).anyMatch(l -> l.startsWith("tests: 8 passed"));
        assertThat(d.timing().checksMillis()).isPositive();
    }

    @Test
    void phase1AProgressTrackerMergedAwayWithDanglingImporters() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.delete("src/batch_processor/progress_tracker.py");
        c.replace("src/batch_processor/batch_manager.py", "from src.batch_processor.progress_tracker import",
                "from src.progress_tracking.tracker import");
        Diagnosis d = c.diagnose();
        assertThat(fired(d)).contains(TriggerIds.TESTS_REGRESSED, TriggerIds.STARTUP_FAILED);
        assertThat(trigger(d, TriggerIds.STARTUP_FAILED).evidence())
                .anyMatch(e -> e.startsWith("core-imports: import src.batch_processor.processor:BatchProcessor failed: ModuleNotFoundError"));
        assertThat(trigger(d, TriggerIds.TESTS_REGRESSED).evidence())
                .anyMatch(e -> e.startsWith("6 tests that passed in the baseline did not run now: test_progress.TestProgress"))
                .contains("test module test_scaling does not import: ModuleNotFoundError: No module named 'src.batch_processor.progress_tracker'");
        assertThat(d.failingTests()).contains("test_scaling.TestScaling.test_scaling_decision");
        assertThat(d.changed().deleted()).containsExactly("src/batch_processor/progress_tracker.py");
        assertThat(d.changed().modified()).containsExactly("src/batch_processor/batch_manager.py");
        assertThat(d.implicated()).containsExactly("src/batch_processor/batch_manager.py", "src/batch_processor/progress_tracker.py");
        assertThat(d.implicatedBy().get("src/batch_processor/progress_tracker.py")).contains("not found", "deleted");
        assertThat(firstScenario(d)).isEqualTo("1A");
        assertThat(d.scenarios().get(0).why()).contains("ModuleNotFoundError").contains("progress_tracker.py deleted");
    }

    @Test
    void phase1BScalingControllerBroken() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.replace("src/batch_processor/dynamic_scaling_controller.py", "return self.manager.should_scale_now(performance)",
                "return self.manager.should_scale_now(performance) / 0");
        Diagnosis d = c.diagnose();
        assertThat(fired(d)).containsExactly(TriggerIds.TESTS_REGRESSED);
        assertThat(d.failingTests()).containsExactly("test_scaling.TestScaling.test_controller_evaluates_scaling");
        assertThat(d.implicated()).containsExactly("src/batch_processor/dynamic_scaling_controller.py");
        assertThat(firstScenario(d)).isEqualTo("1B");
    }

    @Test
    void phase1CMetricsDataLostOrCorrupted() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.write("data/metrics/run_001.json", "[{\"batch\": 1, \"ok\": true}]\n");
        c.write("data/metrics/run_002.json", "[{\"batch\": 4, \"ok\": tr");
        Diagnosis d = c.diagnose();
        assertThat(fired(d)).containsExactly(TriggerIds.DATA_DAMAGED);
        assertThat(trigger(d, TriggerIds.DATA_DAMAGED).evidence()).containsExactly(
                "data/metrics/run_001.json: 1 records, 3 in the baseline",
                trigger(d, TriggerIds.DATA_DAMAGED).evidence().get(1));
        assertThat(trigger(d, TriggerIds.DATA_DAMAGED).evidence().get(1)).startsWith("data/metrics/run_002.json: does not parse as json");
        assertThat(d.implicated()).containsExactly("data/metrics/run_001.json", "data/metrics/run_002.json");
        assertThat(firstScenario(d)).isEqualTo("1C");
    }

    @Test
    void deletedDataFileIsLossEvenWithoutABaseline() throws Exception {
        AthenaCase c = AthenaCase.create(dir, false);
        c.delete("data/metrics/run_002.json");
        Diagnosis d = c.diagnose(true);
        assertThat(d.baseline()).isEqualTo("computed");
        assertThat(trigger(d, TriggerIds.DATA_DAMAGED).fired()).isTrue();
        assertThat(trigger(d, TriggerIds.DATA_DAMAGED).evidence()).anyMatch(e -> e.startsWith("data/metrics/run_002.json: missing"));
    }

    @Test
    void phase2APredictorNotWorking() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.replace("src/batch_processor/scaling_predictor.py", "sum(history) // max(1, len(history))", "min(history)");
        Diagnosis d = c.diagnose();
        assertThat(fired(d)).containsExactly(TriggerIds.TESTS_REGRESSED);
        assertThat(d.failingTests()).containsExactly("test_scaling.TestScaling.test_predict_batch_size");
        assertThat(d.implicated()).isEmpty(); // an assertion: no traceback names the predictor
        assertThat(d.related()).containsExactly("src/batch_processor/scaling_predictor.py");
        assertThat(firstScenario(d)).isEqualTo("2A");
    }

    @Test
    void phase2BEnhancedScalingManagerMethodsMissing() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.replace("src/batch_processor/scaling_manager.py", "def predict_processing_time(self, size):", "def _predict_processing_time(self, size):");
        Diagnosis d = c.diagnose();
        assertThat(fired(d)).containsExactly(TriggerIds.COMPONENT_BROKEN);
        assertThat(trigger(d, TriggerIds.COMPONENT_BROKEN).evidence())
                .containsExactly("scaling-manager: ScalingManager lacks predict_processing_time (worked in the baseline)");
        assertThat(firstScenario(d)).isEqualTo("2B");
    }

    @Test
    void phase2CPerformanceRegression() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.replace("src/batch_processor/scaling_manager.py", "return performance.get('batch_size', 0) > 40",
                "time.sleep(0.004)\n        return performance.get('batch_size', 0) > 40");
        Diagnosis d = c.diagnose(true);
        assertThat(fired(d)).containsExactly(TriggerIds.PERFORMANCE_REGRESSED);
        assertThat(trigger(d, TriggerIds.PERFORMANCE_REGRESSED).evidence().get(0))
                .matches("scaling-evaluation: median (\\d+ms|\\d+\\.\\d\\ds) now vs (\\d+ms|\\d+\\.\\d\\ds) in the baseline \\(\\+\\d+%, limit \\+50%\\);"
                        + " measured twice, medians (\\d+ms|\\d+\\.\\d\\ds) and (\\d+ms|\\d+\\.\\d\\ds)");
        assertThat(trigger(d, TriggerIds.TESTS_REGRESSED).evidence()).containsExactly("not checked (--skip-tests)");
        assertThat(firstScenario(d)).isEqualTo("2C");
        assertThat(d.scenarios().get(0).why()).contains("trigger performance-regressed fired", "scaling_manager.py changed");
    }

    @Test
    void phase3ANotesIntegrationMergedAway() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.delete("src/ai_analysis/notes_integration.py");
        Diagnosis d = c.diagnose();
        assertThat(fired(d)).contains(TriggerIds.STARTUP_FAILED, TriggerIds.TESTS_REGRESSED);
        assertThat(d.implicated()).containsExactly("src/ai_analysis/notes_integration.py");
        assertThat(firstScenario(d)).isEqualTo("3A");
        assertThat(d.status()).containsEntry("src/ai_analysis/notes_integration.py", "absent");
    }

    @Test
    void phase3BFeedbackLoopOversimplified() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.write("src/batch_processor/feedback_loop.py", """
                class FeedbackLoopManager:
                    def __init__(self, data_dir):
                        self.data_dir = data_dir
                """);
        Diagnosis d = c.diagnose();
        assertThat(fired(d)).containsExactlyInAnyOrder(TriggerIds.COMPONENT_BROKEN, TriggerIds.TESTS_REGRESSED);
        assertThat(trigger(d, TriggerIds.COMPONENT_BROKEN).evidence().get(0))
                .startsWith("feedback-loop: FeedbackLoopManager lacks apply_rule_changes, get_improvement_trends");
        assertThat(firstScenario(d)).isEqualTo("3B");
    }

    @Test
    void phase3CWorkflowCannotOrchestrate() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.replace("src/iterative_refinement_system.py", "def __init__(self, loader, generator):",
                "def __init__(self, loader, generator, notes):");
        Diagnosis d = c.diagnose();
        assertThat(fired(d)).containsExactlyInAnyOrder(TriggerIds.STARTUP_FAILED, TriggerIds.TESTS_REGRESSED);
        assertThat(trigger(d, TriggerIds.STARTUP_FAILED).evidence().get(0)).startsWith("core-init (functionality): TypeError");
        assertThat(d.implicated()).containsExactly("src/iterative_refinement_system.py");
        assertThat(firstScenario(d)).isEqualTo("3C");
    }

    @Test
    void cleanPatternsLeaveGeneratedFilesOutOfTheChangesAtAnyDepthAsCleanDoes() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.write("rollback-plan.yml", Athena.PLAN + "cleanPatterns: [\"*.log\", \"**/__pycache__\"]\n");
        c.write("src/run.log", "top\n");
        c.write("src/batch_processor/deep/run.log", "nested\n");
        c.write("src/batch_processor/__pycache__/x.cpython-311.pyc", "bytes\n");
        c.write("src/batch_processor/new_module.py", "X = 1\n");
        var changes = Diagnoser.changes(c.project, c.plan().plan(), c.store().manifest(c.backup()));
        // the one glob semantics of project/Globs: a pattern without a slash matches a name at any depth
        assertThat(changes.added()).containsExactly("src/batch_processor/new_module.py");
    }

    @Test
    void noMatchingScenarioPointsToTheNuclearOption() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.write("rollback-plan.yml", Athena.PLAN + "phases: []\n");
        c.replace("src/utils/data_loader.py", "[1, 2, 3]", "[1, 2]");
        Diagnosis d = c.diagnose();
        assertThat(fired(d)).containsExactly(TriggerIds.TESTS_REGRESSED);
        assertThat(d.scenarios()).extracting(Diagnosis.ScenarioMatch::id).containsExactly("nuclear");
    }

    @Test
    void handMadeBackupGetsABaselineFromItsOwnCopiesWithoutBeingTouched() throws Exception {
        AthenaCase c = AthenaCase.create(dir, false);
        Path backup = dir.resolve("redundancy_reduction_backups").resolve(Athena.BACKUP_ID);
        long before;
        try (var s = Files.walk(backup)) {
            before = s.count();
        }
        // the project is already broken: the baseline must still say the tests passed (it comes from the backup)
        c.delete("src/batch_processor/progress_tracker.py");
        Diagnosis d = c.diagnose();
        assertThat(d.baseline()).isEqualTo("computed");
        assertThat(trigger(d, TriggerIds.TESTS_REGRESSED).evidence()).anyMatch(e -> e.contains("tests that passed in the baseline"));
        assertThat(dir.resolve(".rollback/baselines/" + Athena.BACKUP_ID + ".json")).exists();
        assertThat(backup.resolve("baseline.json")).doesNotExist();
        try (var s = Files.walk(backup)) {
            assertThat(s.count()).isEqualTo(before);
        }
        assertThat(c.progress).anyMatch(l -> l.contains("computing it from the backup's own copies"));
        // second time: the cached one
        c.progress.clear();
        c.diagnose(true);
        assertThat(c.progress).noneMatch(l -> l.contains("computing it"));
    }

    @Test
    void generatedFilesAreNotChanges() throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.write("src/batch_processor/__pycache__/batch_manager.cpython-311.pyc", "x");
        c.write("src/new_module.py", "X = 1\n");
        Diagnosis d = c.diagnose(true);
        assertThat(d.changed().added()).containsExactly("src/new_module.py");
        assertThat(d.healthy()).isTrue();
    }
}
