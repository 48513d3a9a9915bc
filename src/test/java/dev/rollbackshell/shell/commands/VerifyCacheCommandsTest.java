package dev.rollbackshell.shell.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.TestFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * verify and diagnose answer from the check cache on a tree they already checked, and
 * status and report show a result as current only while the tree is the one it checked.
 */
class VerifyCacheCommandsTest extends CommandTestBase {

    private static final String FEEDBACK = "src/batch_processor/feedback_loop.py";

    @Test
    void aRepeatedVerifyAnswersFromTheCacheAndFreshRunsTheChecksAgain() throws Exception {
        Athena.create(PROJECT);
        BackupFixtures.manual(PROJECT, Athena.BACKUP_ID, Athena.FOLDERS);
        Result first = run("verify", "--json");
        assertThat(first.status()).as(first.error()).isZero();
        assertThat(json(first).get("cached").asBoolean()).isFalse();

        Result again = run("verify");
        assertThat(again.status()).isZero();
        assertThat(again.screen()).contains("nothing changed since; --fresh to rerun")
                .contains("the performance check reran: it is never cached").contains("verify: ok");
        JsonNode cached = json(run("verify", "--json"));
        assertThat(cached.get("cached").asBoolean()).isTrue();
        // the same steps, but for the performance check, which reruns and measures anew
        assertThat(withoutPerformance(cached.get("steps"))).as("same steps")
                .isEqualTo(withoutPerformance(json(first).get("steps")));

        assertThat(json(run("verify", "--fresh", "--json")).get("cached").asBoolean()).isFalse();
        Result d = run("diagnose", "--json");
        assertThat(json(d).get("cached").asBoolean()).as("diagnose uses what verify found").isTrue();
        assertThat(json(run("diagnose", "--fresh", "--json")).get("cached").asBoolean()).isFalse();

        // any edit to a protected file: checked again
        TestFiles.write(PROJECT, "src/utils/extra.py", "X = 1\n");
        assertThat(json(run("verify", "--json")).get("cached").asBoolean()).isFalse();
    }

    @Test
    void statusAndReportAfterRestoreSuggestionVerifyAndUndo() throws Exception {
        Athena.create(PROJECT);
        BackupFixtures.manual(PROJECT, Athena.BACKUP_ID, Athena.FOLDERS);
        TestFiles.write(PROJECT, FEEDBACK, "class FeedbackLoopManager:\n    def __init__(self, data_dir):\n        pass\n");
        assertThat(run("diagnose", "--skip-tests").status()).isEqualTo(1);
        assertThat(run("suggest").status()).isZero();
        Result restored = run("restore", "suggestion", "1", "--yes");
        assertThat(restored.status()).as(restored.screen()).isZero();

        // restore suggestion verified this very tree: verify answers from the cache
        Result v = run("verify", "--json");
        assertThat(v.status()).isZero();
        assertThat(json(v).get("cached").asBoolean()).isTrue();

        Result s = run("status");
        assertThat(s.screen()).containsPattern("verified +ok \\(5 passed, 0 failed, 0 not configured\\) [^\\n]*after the diagnosis")
                .doesNotContain("run verify")
                .containsPattern("diagnosis +NOT healthy: component-broken [^\\n]*before 'restore' changed 1 file; run diagnose");

        assertThat(run("undo").status()).isZero();
        Result after = run("status");
        assertThat(after.screen())
                .containsPattern("verified +ok \\(5 passed, 0 failed, 0 not configured\\) [^\\n]*before 'undo' changed 1 file; run verify")
                .doesNotContain("after the diagnosis");
        JsonNode st = json(run("status", "--json"));
        assertThat(st.at("/verification/current/current").asBoolean()).isFalse();
        assertThat(st.at("/verification/current/changedBy").asText()).isEqualTo("undo");
        assertThat(st.at("/verification/current/files").asInt()).isEqualTo(1);

        Result report = run("report");
        assertThat(report.screen()).containsPattern("State now: verification passed at [^\\n]*, before 'undo' changed 1 file; not verified since");

        // 'undo --redo' rewrites the files verify saw: same content, new files; the fingerprint cannot tell
        // them from an edit without reading them, so verify runs again (and then answers the truth)
        assertThat(run("undo", "--redo").status()).isZero();
        assertThat(run("status").screen()).contains("run verify");
        Result v2 = run("verify", "--json");
        assertThat(json(v2).get("cached").asBoolean()).isFalse();
        assertThat(run("status").screen()).containsPattern("verified +ok [^\\n]*after the diagnosis").doesNotContain("run verify");
    }

    private static JsonNode json(Result r) throws Exception {
        String screen = r.screen();
        return Json.MAPPER.readTree(screen.substring(screen.indexOf('{')));
    }

    private static List<JsonNode> withoutPerformance(JsonNode steps) {
        List<JsonNode> out = new ArrayList<>();
        steps.forEach(step -> {
            if (!"performance".equals(step.path("id").asText())) {
                out.add(step);
            }
        });
        return out;
    }
}
