package dev.rollbackshell.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.testing.Launcher;
import dev.rollbackshell.testing.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sample, healthy: its own test suite passes, and every check the runbook
 * runs on it prints its OK lines, so the built-in plan works on it out of the box.
 */
class SampleProjectTest {

    @TempDir
    Path project;

    @BeforeEach
    void copySample() {
        SampleProject.copyTo(project);
    }

    @Test
    void itsTestSuitePassesWithTheStandardLibraryRunner() {
        Launcher.Run run = SampleProject.unittest(project);
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(SampleProject.testsRan(run)).isEqualTo(SampleProject.testCount()).isBetween(15, 30);
        assertThat(run.err()).contains("\nOK");
    }

    @Test
    void itsTestSuitePassesWithPytestToo() {
        assumeTrue(SampleProject.python(project, null, "-c", "import pytest").status() == 0, "pytest is not installed");
        Launcher.Run all = SampleProject.python(project, null, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests/");
        assertThat(all.status()).as(all.out()).isZero();
        // the runbook's Phase 1 B: python -m pytest tests/ -k "scaling" -v
        Launcher.Run scaling = SampleProject.python(project, null, "-m", "pytest", "-p", "no:cacheprovider", "tests/",
                "-k", "scaling", "-v");
        assertThat(scaling.status()).as(scaling.out()).isZero();
        assertThat(scaling.out()).contains("test_scaling_manager.py::", "test_dynamic_scaling.py::", "PASSED")
                .containsPattern("\\d+ passed, \\d+ deselected");
    }

    @Test
    void quickHealthCheckImportsWork() {
        assertThat(ok(RunbookSnippets.HEALTH_IMPORTS)).contains("‚úÖ All core imports working").doesNotContain("‚ùå");
    }

    @Test
    void quickHealthCheckCoreSystemInitializes() {
        assertThat(ok(RunbookSnippets.HEALTH_FUNCTIONALITY)).contains("‚úÖ Core system initializes").doesNotContain("‚ùå");
    }

    @Test
    void phase2bFindsEveryEnhancedScalingManagerMethod() {
        assertThat(ok(RunbookSnippets.PHASE_2B_METHODS).lines())
                .containsExactly("‚úÖ predict_optimal_batch_size exists", "‚úÖ should_scale_now exists",
                        "‚úÖ analyze_batch_size_efficiency exists", "‚úÖ predict_processing_time exists");
    }

    @Test
    void phase3bFindsTheFeedbackLoopOrchestrationMethods() {
        assertThat(ok(RunbookSnippets.PHASE_3B_FEEDBACK).lines()).containsExactly("FeedbackLoopManager restored",
                "‚úÖ apply_rule_changes available", "‚úÖ get_improvement_trends available");
    }

    @Test
    void phase1cCountsTheRecordsOfTheMetricsFiles() {
        String out = ok(RunbookSnippets.PHASE_1C_METRICS);
        assertThat(out).startsWith("Found 4 metrics files\n");
        assertThat(out.lines().skip(1)).hasSize(3).allMatch(line -> line.matches("\\w+\\.json: [1-9]\\d* records"));
    }

    @Test
    void theRestoreChecksOfEveryScenarioPrintTheirLines() {
        assertThat(ok(RunbookSnippets.PHASE_1A_IMPORT)).isEqualTo("Import OK\n");
        assertThat(ok(RunbookSnippets.PHASE_2A_PREDICTOR)).isEqualTo("ScalingPredictor restored successfully\n");
        assertThat(ok(RunbookSnippets.PHASE_3A_NOTES)).isEqualTo("Notes integration restored\n");
        assertThat(ok(RunbookSnippets.PHASE_3C_WORKFLOW)).isEqualTo("IterativeRefinementSystem restored\n");
        assertThat(ok(RunbookSnippets.COMPONENT_STATUS).lines()).hasSize(3).allMatch(line -> line.contains(" EXISTS "));
    }

    @Test
    void phase2cBenchmarkRunsRealScalingEvaluations() {
        assertThat(ok(RunbookSnippets.PHASE_2C_BENCHMARK)).contains("Performance test completed in");
        // the runbook's loop body is `pass`; the benchmark worth timing evaluates each performance sample
        String evaluating = RunbookSnippets.PHASE_2C_BENCHMARK.replace("    pass\n",
                "    decision = manager.evaluate(performance)\n    assert decision.action in ('hold', 'scale_up', 'scale_down')\n");
        assertThat(evaluating).isNotEqualTo(RunbookSnippets.PHASE_2C_BENCHMARK);
        assertThat(ok(evaluating)).contains("Performance test completed in");
    }

    @Test
    void runningTheSuiteAndTheChecksChangesNoFileOfTheProject() throws IOException {
        Map<String, String> before = hashes(project);
        SampleProject.unittest(project);
        ok(RunbookSnippets.HEALTH_FUNCTIONALITY);
        ok(RunbookSnippets.PHASE_3B_FEEDBACK);
        assertThat(hashes(project)).isEqualTo(before);
    }

    /** Runs a runbook snippet in the project; it must exit 0 and write nothing on stderr. */
    private String ok(String code) {
        Launcher.Run run = SampleProject.snippet(project, code);
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        return run.out();
    }

    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.put(root.relativize(file).toString(), Hashing.sha256(file));
            }
        }
        return all;
    }
}
