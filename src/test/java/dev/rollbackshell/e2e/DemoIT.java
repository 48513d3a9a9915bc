package dev.rollbackshell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.Launcher;
import dev.rollbackshell.testing.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code scripts/demo} end to end, as a CI job would run it: for each phase, the piped
 * session diagnose, suggest, restore suggestion 1, verify names the phase's runbook
 * scenario, leaves a project that verifies, and keeps the unrelated good change (phase 1:
 * ReadmeTourIT, the same session as the README's tour).
 */
class DemoIT {

    private static final String RESCUE = "diagnose\nsuggest\nrestore suggestion 1 --yes\nverify\n";

    @TempDir
    Path temp;

    // phase 1's rescue is the README's tour, which ReadmeTourIT runs through scripts/demo the same way
    @ParameterizedTest(name = "phase {0}")
    @CsvSource({"2, \\b2[AB]\\b", "3, \\b3A\\b"})
    void suggestionOneRescuesThePhaseAndKeepsTheGoodChange(String phase, String scenario) throws IOException {
        Path dir = temp.resolve("athena-" + phase);
        Launcher.Run run = demo(RESCUE, "--phase", phase, dir.toString());
        assertRanTheWholeSession(run);
        assertThat(run.out()).containsPattern(scenario);
        assertVerifies(dir);
        assertThat(SampleProject.goodChangeKept(dir)).as("the good change survived").isTrue();
    }

    @Test
    void nuclearIsDiagnosedAsSeveralPhasesWithDamagedDataAndRescued() throws IOException {
        Path dir = temp.resolve("athena-nuclear");
        Launcher.Run run = demo(RESCUE, "--phase", "nuclear", dir.toString());
        assertRanTheWholeSession(run);
        assertThat(run.out()).containsPattern("\\b1A\\b").containsPattern("\\b2[AB]\\b").containsPattern("\\b3A\\b")
                .contains("data-damaged");
        // suggestion 1 may be the runbook's nuclear option, which replaces the good change too
        assertVerifies(dir);
    }

    @Test
    void pipedWithoutAFolderItWorksInATemporaryOneAndSaysWhere() throws IOException {
        Launcher.Run run = demo("diagnose\nexit\n");
        assertThat(run.status()).as(run.err()).isEqualTo(1); // diagnose found the breakage
        Matcher where = Pattern.compile("demo: (\\S+) holds Athena").matcher(run.err());
        assertThat(where.find()).as(run.err()).isTrue();
        Path dir = Path.of(where.group(1));
        assertThat(dir.toRealPath().getParent()).isEqualTo(temp.toRealPath());
        assertThat(dir.resolve("redundancy_reduction_backups")).isDirectory();
        assertThat(run.out()).containsPattern("\\b1A\\b");
        assertThat(new GitCli(dir).run("branch", "--list")).contains("redundancy_reduction_phase_1_backup");
    }

    private static void assertRanTheWholeSession(Launcher.Run run) {
        assertThat(run.status()).as(run.err()).isIn(0, 1);
        assertThat(run.err()).contains("» diagnose", "» suggest", "» restore suggestion 1 --yes", "» verify");
    }

    private void assertVerifies(Path dir) throws IOException {
        Launcher.Run verify = Launcher.exec(dir, null, env(), Launcher.command("rollback-shell", "verify", "--json"));
        JsonNode doc = Json.MAPPER.readTree(verify.out());
        if (onlyThePerformanceStepFailed(doc)) {
            // a timing, measured while the other end-to-end tests load both cores (the baseline
            // was timed at another moment). The tool already measured a slowdown twice, which a
            // burst of load does not pass but load that lasts does: measured once more, later;
            // any other failing step fails at once
            verify = Launcher.exec(dir, null, env(), Launcher.command("rollback-shell", "verify", "--fresh", "--json"));
            doc = Json.MAPPER.readTree(verify.out());
        }
        assertThat(doc.path("ok").asBoolean()).as(verify.out()).isTrue();
        assertThat(verify.status()).isZero();
    }

    private static boolean onlyThePerformanceStepFailed(JsonNode doc) {
        List<String> failed = new ArrayList<>();
        doc.path("steps").forEach(step -> {
            if (step.path("status").asText().equals("failed")) {
                failed.add(step.path("id").asText());
            }
        });
        return failed.equals(List.of("performance"));
    }

    private Launcher.Run demo(String stdin, String... args) {
        return Launcher.exec(temp, stdin, env(), Launcher.command("demo", args));
    }

    /** The real jar failsafe just packaged, temp files here. */
    private Map<String, String> env() {
        return Map.of("ROLLBACK_SHELL_JAR", System.getProperty("rollback.jar"), "TMPDIR", temp.toString());
    }
}
