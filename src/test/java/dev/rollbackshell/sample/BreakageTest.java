package dev.rollbackshell.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.Launcher;
import dev.rollbackshell.testing.SampleProject;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The breakage scripts, one per runbook phase: each makes the failure its scenario
 * describes appear, and putting back that scenario's files by plain copy (as the runbook's
 * {@code cp} lines do) makes the suite pass again while the unrelated good change stays.
 */
class BreakageTest {

    private static final String SUITE_FAILED = "FAILED (";

    @TempDir
    Path project;

    @Test
    void phase1LeavesTheProgressTrackerImportersDangling() {
        Launcher.Run suite = broken("1");
        assertThat(suite.err())
                .contains("ModuleNotFoundError: No module named 'src.batch_processor.progress_tracker'")
                .contains("ImportError: cannot import name 'ProgressTracker' from 'src.progress_tracking.metrics_collector'")
                .contains("src/batch_processor/batch_manager.py", "src/iterative_refinement_system.py",
                        "src/batch_processor/dynamic_scaling_controller.py");
        assertThat(snippet(RunbookSnippets.HEALTH_IMPORTS))
                .contains("‚ùå Import error: No module named 'src.batch_processor.progress_tracker'");
        assertThat(snippet(RunbookSnippets.COMPONENT_STATUS))
                .contains("üóëÔ∏è  src/batch_processor/progress_tracker.py REMOVED (consolidated)");
        assertThat(snippet(RunbookSnippets.PHASE_1C_METRICS)).startsWith("Found 4 metrics files"); // data untouched
        assertRestoringTheScenarioFilesRepairsIt("1");
    }

    @Test
    void phase2LosesThePredictorAndTwoScalingManagerMethods() {
        Launcher.Run suite = broken("2");
        assertThat(suite.err())
                .contains("ModuleNotFoundError: No module named 'src.batch_processor.scaling_predictor'")
                .contains("AttributeError: 'ScalingManager' object has no attribute 'predict_processing_time'");
        assertThat(snippet(RunbookSnippets.PHASE_2B_METHODS).lines()).containsExactly(
                "‚úÖ predict_optimal_batch_size exists", "‚úÖ should_scale_now exists",
                "‚ùå analyze_batch_size_efficiency missing", "‚ùå predict_processing_time missing");
        assertThat(run(RunbookSnippets.PHASE_2A_PREDICTOR).err())
                .contains("No module named 'src.batch_processor.scaling_predictor'");
        assertThat(snippet(RunbookSnippets.HEALTH_IMPORTS)).contains("‚úÖ All core imports working");
        assertRestoringTheScenarioFilesRepairsIt("2");
    }

    @Test
    void phase3LosesTheNotesIntegrationMethods() {
        Launcher.Run suite = broken("3");
        assertThat(suite.err())
                .contains("ModuleNotFoundError: No module named 'src.ai_analysis.notes_integration'")
                .contains("AttributeError: 'NotesManager' object has no attribute 'log_scaling_decision'");
        assertThat(run(RunbookSnippets.PHASE_3A_NOTES).err())
                .contains("No module named 'src.ai_analysis.notes_integration'");
        assertThat(snippet(RunbookSnippets.HEALTH_FUNCTIONALITY)).contains("‚úÖ Core system initializes");
        assertRestoringTheScenarioFilesRepairsIt("3");
    }

    @Test
    void nuclearBreaksEveryPhaseTheFeedbackLoopAndTheMetricsData() {
        Launcher.Run suite = broken("nuclear");
        assertThat(suite.err()).contains("src.batch_processor.progress_tracker", "src.batch_processor.scaling_predictor",
                "src.ai_analysis.notes_integration", "json.decoder.JSONDecodeError");
        assertThat(snippet(RunbookSnippets.PHASE_3B_FEEDBACK).lines()).containsExactly("FeedbackLoopManager restored",
                "‚ùå apply_rule_changes missing", "‚ùå get_improvement_trends missing");
        assertThat(run(RunbookSnippets.PHASE_1C_METRICS).err()).contains("JSONDecodeError");
        assertRestoringTheScenarioFilesRepairsIt("nuclear");
    }

    @Test
    void theRunbooksNuclearOptionRepairsEverythingButLosesTheGoodChange() throws IOException {
        broken("nuclear");
        // rm -rf src/ && cp -r <backup>/src_backup/ src/, the same for tests/, and the data files back
        for (String folder : List.of("src", "tests")) {
            TestFiles.deleteContents(project.resolve(folder));
            Files.delete(project.resolve(folder));
        }
        SampleProject.copyTo(project);
        Launcher.Run suite = SampleProject.unittest(project);
        assertThat(suite.status()).as(suite.err()).isZero();
        assertThat(SampleProject.goodChangeKept(project)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "3", "nuclear"})
    void aBreakageAppliedTwiceIsRefusedAndChangesNothing(String phase) throws IOException {
        SampleProject.copyTo(project);
        assertThat(SampleProject.breakIt(project, phase).status()).isZero();
        String log = Files.readString(project.resolve("data/logs/system.log"));
        Launcher.Run again = SampleProject.breakIt(project, phase);
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err().strip().lines()).hasSize(1);
        assertThat(again.err()).contains("nothing was changed");
        assertThat(Files.readString(project.resolve("data/logs/system.log"))).isEqualTo(log);
    }

    @Test
    void aBreakageRefusesAFolderThatIsNotTheSample() {
        Launcher.Run run = SampleProject.breakIt(project, "1");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("is not a copy of the Athena sample");
    }

    @Test
    void eachBreakageReportsWhatItChanged() {
        SampleProject.copyTo(project);
        Launcher.Run run = SampleProject.breakIt(project, "1");
        assertThat(run.out().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).startsWith("Phase 1 broke: "));
        assertThat(run.out()).contains("deleted  src/batch_processor/progress_tracker.py",
                "changed  src/batch_processor/dynamic_scaling_controller.py", "added    src/utils/text_normalizer.py");
    }

    /** Copies the sample, applies the breakage and runs the suite, which must fail. */
    private Launcher.Run broken(String phase) {
        SampleProject.copyTo(project);
        Launcher.Run applied = SampleProject.breakIt(project, phase);
        assertThat(applied.status()).as(applied.err()).isZero();
        Launcher.Run suite = SampleProject.unittest(project);
        assertThat(suite.status()).isEqualTo(1);
        assertThat(suite.err()).contains(SUITE_FAILED);
        return suite;
    }

    private void assertRestoringTheScenarioFilesRepairsIt(String phase) {
        SampleProject.restoreFromSample(project, SampleProject.SCENARIO_FILES.get(phase));
        Launcher.Run suite = SampleProject.unittest(project);
        assertThat(suite.status()).as(suite.err()).isZero();
        assertThat(SampleProject.goodChangeKept(project)).isTrue();
        // the good change's own test runs too
        assertThat(suite.err()).doesNotContain(SUITE_FAILED);
        assertThat(SampleProject.testsRan(suite)).isEqualTo(SampleProject.testCount() + 2);
        assertThat(snippet(RunbookSnippets.HEALTH_IMPORTS)).contains("‚úÖ All core imports working");
        assertThat(snippet(RunbookSnippets.HEALTH_FUNCTIONALITY)).contains("‚úÖ Core system initializes");
    }

    private Launcher.Run run(String code) {
        return SampleProject.snippet(project, code);
    }

    private String snippet(String code) {
        Launcher.Run run = run(code);
        assertThat(run.status()).as(run.err()).isZero();
        return run.out();
    }
}
