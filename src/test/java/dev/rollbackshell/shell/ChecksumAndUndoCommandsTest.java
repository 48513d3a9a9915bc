package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 7's leftovers: {@code --checksum} sees an edit that kept a file's size and
 * modification time; {@code undo} with deleted before-images refuses and leaves the entry
 * in effect.
 */
class ChecksumAndUndoCommandsTest extends CommandTestBase {

    static final FileTime OLD = FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS));

    @BeforeEach
    void project() throws Exception {
        TestFiles.write(PROJECT, "src/app.py", "value = 1\n");
        TestFiles.write(PROJECT, "src/other.py", "other = 1\n");
        TestFiles.write(PROJECT, "tests/test_app.py", "def test():\n    pass\n");
        try (Stream<Path> s = Files.walk(PROJECT)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, OLD);
            }
        }
        assertThat(run("backup", "create", "--no-baseline", "--no-git").status()).isZero();
    }

    /** An edit that keeps the size and puts the old modification time back. */
    static void sneakyEdit() throws Exception {
        TestFiles.write(PROJECT, "src/app.py", "value = 2\n");
        Files.setLastModifiedTime(PROJECT.resolve("src/app.py"), OLD);
    }

    @Test
    void checksumSeesAnEditThatKeptSizeAndTimeInDiffRestoreAndTheNextBackup() throws Exception {
        sneakyEdit();

        assertThat(run("diff", "--stat").screen()).doesNotContain("src/app.py");
        assertThat(run("diff", "--checksum", "--stat").screen()).contains("src/app.py");

        Result quick = run("restore", "file", "src/app.py", "--dry-run", "--json");
        assertThat(Json.MAPPER.readTree(quick.screen()).at("/summary/written").asInt()).isZero();
        Result thorough = run("restore", "file", "src/app.py", "--dry-run", "--checksum", "--json");
        assertThat(Json.MAPPER.readTree(thorough.screen()).at("/summary/written").asInt()).isEqualTo(1);

        Result b = run("backup", "create", "--no-baseline", "--no-git", "--checksum", "--json");
        assertThat(b.status()).as(b.error()).isZero();
        String id = Json.MAPPER.readTree(b.screen()).at("/backup/id").asText();
        assertThat(TestFiles.read(PROJECT.resolve("redundancy_reduction_backups/" + id), "src_backup/app.py"))
                .isEqualTo("value = 2\n");
        assertThat(run("backup", "verify", "--all").status()).isZero();

        // restore all from the first backup, by content: the edit is put back, undo brings it again
        String first = firstBackup();
        Map<String, String> edited = TreeSnapshot.of(PROJECT);
        Result all = run("restore", "all", "--from", first, "--checksum", "--yes");
        assertThat(all.status()).as(all.error()).isZero();
        assertThat(TestFiles.read(PROJECT, "src/app.py")).isEqualTo("value = 1\n");
        assertThat(run("undo").status()).isZero();
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(edited);
    }

    @Test
    void undoWithDeletedBeforeImagesRefusesNamesThemAndKeepsTheEntryInEffect() throws Exception {
        TestFiles.write(PROJECT, "src/app.py", "broken\n");
        TestFiles.write(PROJECT, "src/other.py", "broken too\n");
        assertThat(run("restore", "all", "--yes").status()).isZero();
        Map<String, String> restored = TreeSnapshot.of(PROJECT);
        Path journal = PROJECT.resolve(".rollback/journal");
        try (Stream<Path> entries = Files.list(journal)) {
            for (Path e : entries.filter(Files::isDirectory).toList()) {
                TestFiles.deleteContents(e.resolve("before"));
            }
        }

        Result u = run("undo");
        assertThat(u.status()).as(u.screen()).isEqualTo(2);
        assertThat(u.error()).contains("cannot undo #1").contains("src/app.py").contains("src/other.py")
                .contains("are missing").contains("the entry stays in effect").contains("restore file PATH")
                .doesNotContain("changed nothing");
        assertThat(u.screen()).doesNotContain("changed nothing");
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(restored);
        Result list = run("undo", "--list", "--json");
        JsonNode entries = Json.MAPPER.readTree(list.screen());
        assertThat(entries.toString()).doesNotContain("undone");
        assertThat(run("undo", "--list").screen()).doesNotContain("undone by");
    }

    String firstBackup() throws Exception {
        JsonNode list = Json.MAPPER.readTree(run("backup", "list", "--json").screen());
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(n -> ids.add(n.get("id").asText()));
        return ids.get(0);
    }
}
