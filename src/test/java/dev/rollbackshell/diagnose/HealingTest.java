package dev.rollbackshell.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.verify.Verification;
import dev.rollbackshell.verify.Verifier;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every runbook scenario: break the replica the way the scenario describes, beside
 * good work (a new module with its test, an unrelated edit); diagnose names the scenario,
 * suggestion 1, proven, heals the project (verify passes) and the good work survives it.
 */
class HealingTest {

    @TempDir
    Path dir;

    interface Breakage {
        void apply(AthenaCase c) throws Exception;
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("1A", (Breakage) c -> {
                    c.delete("src/batch_processor/progress_tracker.py");
                    c.replace("src/batch_processor/batch_manager.py", "from src.batch_processor.progress_tracker import",
                            "from src.progress_tracking.tracker import");
                }),
                Arguments.of("1B", (Breakage) c -> c.replace("src/batch_processor/dynamic_scaling_controller.py",
                        "return self.manager.should_scale_now(performance)", "return not self.manager.should_scale_now(performance)")),
                Arguments.of("1C", (Breakage) c -> {
                    c.write("data/metrics/run_001.json", "[]");
                    c.delete("data/metrics/run_002.json");
                }),
                Arguments.of("2A", (Breakage) c -> c.replace("src/batch_processor/scaling_predictor.py",
                        "sum(history) // max(1, len(history))", "max(history)")),
                Arguments.of("2B", (Breakage) c -> c.replace("src/batch_processor/scaling_manager.py",
                        "def analyze_batch_size_efficiency(self, sizes):", "def _analyze(self, sizes):")),
                Arguments.of("2C", (Breakage) c -> c.replace("src/batch_processor/scaling_manager.py",
                        "return performance.get('batch_size', 0) > 40",
                        "time.sleep(0.004)\n        return performance.get('batch_size', 0) > 40")),
                Arguments.of("3A", (Breakage) c -> c.delete("src/ai_analysis/notes_integration.py")),
                Arguments.of("3B", (Breakage) c -> c.write("src/batch_processor/feedback_loop.py",
                        "class FeedbackLoopManager:\n    def __init__(self, data_dir):\n        self.data_dir = data_dir\n")),
                Arguments.of("3C", (Breakage) c -> c.replace("src/iterative_refinement_system.py",
                        "self.notes = NotesIntegration()", "self.notes = None")));
    }

    @ParameterizedTest(name = "scenario {0}")
    @MethodSource("scenarios")
    void suggestionOneHealsAndKeepsGoodWork(String scenario, Breakage breakage) throws Exception {
        AthenaCase c = AthenaCase.create(dir, true);
        c.write("src/utils/report_formatter.py", "def fmt(x):\n    return '[%s]' % x\n");
        c.write("tests/test_report_formatter.py", "import unittest\nfrom src.utils.report_formatter import fmt\n\n\n"
                + "class TestFmt(unittest.TestCase):\n    def test_fmt(self):\n        self.assertEqual(fmt(1), '[1]')\n");
        c.replace("src/utils/data_loader.py", "def create_mock_data_loader():", "# loads mock items\ndef create_mock_data_loader():");
        breakage.apply(c);

        Diagnosis d = c.diagnose();
        assertThat(d.healthy()).isFalse();
        assertThat(d.scenarios()).as("scenarios: %s", d.scenarios()).isNotEmpty();
        assertThat(d.scenarios().get(0).id()).as("%s", d.scenarios()).isEqualTo(scenario);

        // suggestion 1 once proven (unproven, the least invasive may be a deleted file alone, which need not heal)
        Suggestion top = new dev.rollbackshell.scratch.Prover(c.project, c.plan(), c.store(), c.progress::add)
                .prove(c.suggest(d), d, dev.rollbackshell.scratch.Prover.Mode.UNTIL_HEALED).get(1);
        assertThat(top.proof().status()).as("%s", top).isEqualTo(Proof.Status.HEALS);
        assertThat(top.overwrites()).doesNotContain("src/utils/data_loader.py", "src/utils/report_formatter.py",
                "tests/test_report_formatter.py");
        c.apply(top.actions());

        Verification v = new Verifier(c.project, c.plan(), c.store(), m -> { }).verify(c.backup());
        assertThat(v.ok()).as("after suggestion 1 (%s %s): %s", top.kind(), top.paths(), v.steps()).isTrue();
        assertThat(c.read("src/utils/report_formatter.py")).contains("def fmt");
        assertThat(c.read("tests/test_report_formatter.py")).contains("test_fmt");
        assertThat(c.read("src/utils/data_loader.py")).contains("# loads mock items");
    }
}
