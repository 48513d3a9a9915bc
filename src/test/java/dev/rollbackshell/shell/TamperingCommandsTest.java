package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tampering (issue 13, item 5): a torn or hand-edited manifest.json, session.json, journal entry or plan is
 * detected, named, refused with exit 2 and the command that repairs it; never a stack trace, never a silent default.
 */
class TamperingCommandsTest extends CommandTestBase {

    String id;

    @BeforeEach
    void sample() throws IOException {
        TestFiles.write(PROJECT, "src/app.py", "a = 1\n");
        TestFiles.write(PROJECT, "tests/test_app.py", "def test():\n    pass\n");
        id = backupNow();
    }

    static void truncate(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, b.length / 2));
    }

    void refused(Result r, String... words) {
        assertThat(r.status()).as(r.screen() + " / " + r.error()).isEqualTo(2);
        assertThat(r.error()).doesNotContain("Exception").doesNotContain("\tat ").contains(words);
        assertThat(r.screen()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    Path manifest() {
        return PROJECT.resolve("redundancy_reduction_backups").resolve(id).resolve("manifest.json");
    }

    @Test
    void aTruncatedManifestRefusesRestoreNamesTheBackupAndMovingItAsideWorks() throws IOException {
        TestFiles.write(PROJECT, "src/app.py", "a = 2\n");
        truncate(manifest());
        refused(run("restore", "file", "src/app.py", "--from", id), "manifest of backup " + id + " is damaged",
                "mv " + manifest() + " " + manifest() + ".damaged");
        assertThat(Files.readString(PROJECT.resolve("src/app.py"))).isEqualTo("a = 2\n"); // nothing changed
        refused(run("status"), "manifest of backup " + id + " is damaged");
        Result verify = run("backup", "verify", id);
        assertThat(verify.status()).isEqualTo(1); // a damaged backup is a finding of verify (exit 1), as the contract says
        assertThat(verify.screen()).contains("manifest.json").contains("damaged");
        Files.move(manifest(), manifest().resolveSibling("manifest.json.damaged")); // the repair the message names
        Result restore = run("restore", "file", "src/app.py", "--from", id);
        assertThat(restore.status()).as(restore.error()).isZero();
        assertThat(Files.readString(PROJECT.resolve("src/app.py"))).isEqualTo("a = 1\n");
        assertThat(run("backup", "list").screen()).contains("manual");
    }

    @Test
    void aHandEditedManifestIsFoundByVerifyAndItsCopyIsNeverRestoredUnchecked() throws IOException {
        TestFiles.write(PROJECT, "src/app.py", "a = 2\n");
        String m = Files.readString(manifest());
        String sha = dev.rollbackshell.backup.Hashing.sha256("a = 1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(m).contains(sha);
        Files.writeString(manifest(), m.replace(sha, sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a')));
        Result verify = run("backup", "verify", id);
        assertThat(verify.status()).isEqualTo(1);
        assertThat(verify.screen()).contains("src/app.py").contains("modified");
        Result restore = run("restore", "file", "src/app.py", "--from", id);
        assertThat(restore.status()).isNotZero();
        assertThat(restore.error()).contains("src/app.py").contains("damaged").contains("nothing was changed");
        assertThat(Files.readString(PROJECT.resolve("src/app.py"))).isEqualTo("a = 2\n");
    }

    @Test
    void aTruncatedSessionIsRefusedNamedAndKeptWhenMovedAside() throws IOException {
        Path session = PROJECT.resolve(".rollback/session.json");
        truncate(session);
        byte[] torn = Files.readAllBytes(session);
        for (String[] cmd : new String[][] {{"status"}, {"backup", "select", "latest"}, {"diagnose", "--skip-tests"}}) {
            refused(run(cmd), "session state " + session + " is damaged", "mv " + session + " " + session + ".damaged",
                    "backup select latest");
            assertThat(Files.readAllBytes(session)).isEqualTo(torn); // never replaced by an empty session
        }
        Files.move(session, session.resolveSibling("session.json.damaged"));
        Result select = run("backup", "select", "latest");
        assertThat(select.status()).as(select.error()).isZero();
        assertThat(run("status").screen()).contains(id + " (selected");
    }

    @Test
    void aHandEditedSessionIsRefusedToo() throws IOException {
        Path session = PROJECT.resolve(".rollback/session.json");
        Files.writeString(session, Files.readString(session).replace("\"events\"", "\"events\" : 5, \"was\""));
        refused(run("status"), "session state " + session + " is damaged");
    }

    @Test
    void aDamagedJournalEntryStopsUndoNamesItAndTheMoveAsideWorks() throws IOException {
        TestFiles.write(PROJECT, "src/app.py", "a = 2\n");
        assertThat(run("restore", "file", "src/app.py", "--from", id).status()).isZero();
        Path journal = PROJECT.resolve(".rollback/journal");
        Path entry;
        try (Stream<Path> s = Files.list(journal)) {
            entry = s.filter(p -> p.getFileName().toString().startsWith("0001")).findFirst().orElseThrow();
        }
        truncate(entry.resolve("entry.json"));
        Path aside = PROJECT.resolve(".rollback/journal-damaged").resolve(entry.getFileName());
        refused(run("undo"), "journal entry " + entry.getFileName() + " is damaged", "mv " + entry + " " + aside);
        refused(run("undo", "--list"), "is damaged");
        refused(run("journal", "prune", "--keep", "0", "--yes"), "is damaged");
        assertThat(Files.readString(PROJECT.resolve("src/app.py"))).isEqualTo("a = 1\n");
        Result status = run("status");
        assertThat(status.status()).as(status.error()).isZero(); // status still tells where things stand
        assertThat(status.screen()).contains("journal").contains("1 entry");
        Files.createDirectories(aside.getParent());
        Files.move(entry, aside);
        Result undo = run("undo");
        assertThat(undo.status()).isEqualTo(2);
        assertThat(undo.error()).contains("nothing to undo");
        assertThat(Files.exists(aside.resolve("before"))).isTrue(); // its saved files are kept
    }

    @Test
    void aTornPlanNamesTheLineAndPlanShow() throws IOException {
        Files.writeString(PROJECT.resolve("rollback-plan.yml"), "extends: runbook\nprotectedFolders: [src, tests\n");
        refused(run("status"), "rollback-plan.yml:", "fix the plan at that line", "plan show");
        Files.writeString(PROJECT.resolve("rollback-plan.yml"), "extends: runbook\nprotectedFol");
        refused(run("status"), "rollback-plan.yml:", "plan show"); // a torn last line is never read as the built-in's
    }
}
