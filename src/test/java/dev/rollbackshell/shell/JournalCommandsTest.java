package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The journal over time (issue 13, item 4): {@code undo --list} shows the newest N, {@code journal prune}, {@code status}. */
class JournalCommandsTest extends CommandTestBase {

    String id;

    @BeforeEach
    void sample() throws IOException {
        TestFiles.write(PROJECT, "src/app.py", "a = 0\n");
        id = backupNow();
    }

    /** {@code n} journal entries: an edit, then a restore of it. */
    void restores(int n) throws IOException {
        for (int k = 1; k <= n; k++) {
            TestFiles.write(PROJECT, "src/app.py", "a = " + k + "\n");
            Result r = run("restore", "file", "src/app.py", "--from", id);
            assertThat(r.status()).as(r.error()).isZero();
        }
    }

    @Test
    void undoListShowsTheNewestNAndSaysHowManyThereAre() throws IOException {
        restores(4);
        Result all = run("undo", "--list");
        assertThat(all.screen()).contains("restore-file").doesNotContain("the newest");
        Result last = run("undo", "--list", "--last", "2");
        assertThat(last.status()).isZero();
        assertThat(last.screen()).containsPattern("(?m)^\\s*4 ").containsPattern("(?m)^\\s*3 ")
                .doesNotContainPattern("(?m)^\\s*2 ").contains("the newest 2 of 4 entries; 'undo --list --all'");
        JsonNode json = Json.MAPPER.readTree(run("undo", "--list", "--last", "1", "--json").screen());
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("seq").asInt()).isEqualTo(4);
        Files.writeString(PROJECT.resolve("rollback-plan.yml"), "extends: runbook\njournalKeep: 3\n");
        assertThat(run("undo", "--list").screen()).contains("the newest 3 of 4 entries");
        assertThat(run("status").screen()).contains("('journal prune' keeps the newest 3)");
        Files.writeString(PROJECT.resolve("rollback-plan.yml"), "extends: runbook\njournalKeep: 0\n");
        Result zero = run("undo", "--list");
        assertThat(zero.status()).isEqualTo(2);
        assertThat(zero.error()).contains("journalKeep must be 1 or more");
        Files.delete(PROJECT.resolve("rollback-plan.yml"));
        assertThat(run("undo", "--last", "2").status()).isEqualTo(2);
        assertThat(run("undo", "--list", "--last", "0").status()).isEqualTo(2);
    }

    @Test
    void journalPruneKeepsTheNewestAsksFirstAndStatusShowsTheSize() throws IOException {
        restores(4);
        Result status = run("status");
        assertThat(status.screen()).containsPattern("journal\\s+4 entries, [0-9.]+ (B|KiB)");
        Result dry = run("journal", "prune", "--keep", "1", "--dry-run");
        assertThat(dry.status()).as(dry.error()).isZero();
        assertThat(dry.screen()).contains("would remove 3 journal entries (#1-3");
        assertThat(run("undo", "--list", "--all").screen()).containsPattern("(?m)^\\s*1 ");
        Result refused = run("journal", "prune", "--keep", "1");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.error()).contains("journal prune --keep 1 --yes");
        Result done = run("journal", "prune", "--keep", "1", "--yes");
        assertThat(done.status()).as(done.error()).isZero();
        assertThat(done.screen()).contains("removed 3 journal entries (#1-3").contains("keeping 1");
        assertThat(run("undo", "--list", "--all").screen()).containsPattern("(?m)^\\s*4 ").doesNotContainPattern("(?m)^\\s*1 ");
        JsonNode s = Json.MAPPER.readTree(run("status", "--json").screen());
        assertThat(s.get("journal").get("entries").asInt()).isEqualTo(1);
        assertThat(run("undo").status()).isZero(); // the newest still undoes
        assertThat(Files.readString(PROJECT.resolve("src/app.py"))).isEqualTo("a = 4\n");
        JsonNode nothing = Json.MAPPER.readTree(run("journal", "prune", "--keep", "5", "--json").screen());
        assertThat(nothing.get("removed")).isEmpty();
        assertThat(run("journal", "prune", "--older-than", "soon").status()).isEqualTo(2);
        assertThat(run("journal", "prune", "--keep", "0", "--older-than", "1d", "--yes").screen()).contains("nothing to prune");
    }
}
