package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.testing.TreeSnapshot;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestoreCommandsTest extends CommandTestBase {

    static final String B1 = "20260101_120000";

    @BeforeEach
    void project() throws Exception {
        BackupFixtures.sampleProject(PROJECT);
        BackupFixtures.manual(PROJECT, B1, "src", "tests", "data");
    }

    @Test
    void restoreFileWritesTheBackupsCopyAndUndoPutsItBack() throws Exception {
        TestFiles.write(PROJECT, "src/batch_processor/progress_tracker.py", "broken\n");
        Map<String, String> before = TreeSnapshot.of(PROJECT);
        Result r = run("restore", "file", "src/batch_processor/progress_tracker.py");
        assertThat(r.status()).isZero();
        assertThat(r.screen()).contains("restore file from backup " + B1).contains("wrote")
                .contains("src/batch_processor/progress_tracker.py").contains("'undo' puts everything back");
        assertThat(TestFiles.read(PROJECT, "src/batch_processor/progress_tracker.py")).contains("class ProgressTracker");

        Result u = run("undo");
        assertThat(u.status()).isZero();
        assertThat(u.screen()).contains("undid #1");
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(before);

        Result list = run("undo", "--list");
        assertThat(list.screen()).contains("restore-file").contains("undone by #2").contains("undo --redo");
    }

    @Test
    void severalPathsAndOptionsBeforeOrAfterThem() throws Exception {
        TestFiles.write(PROJECT, "src/batch_processor/batch_manager.py", "broken\n");
        TestFiles.write(PROJECT, "tests/test_scaling.py", "broken\n");
        Result r = run("restore", "file", "src/batch_processor/batch_manager.py", "tests/test_scaling.py", "--from", B1);
        assertThat(r.status()).as(r.error()).isZero();
        assertThat(TestFiles.read(PROJECT, "tests/test_scaling.py")).contains("def test_scaling");
        assertThat(TestFiles.read(PROJECT, "src/batch_processor/batch_manager.py")).contains("class BatchManager");
        TestFiles.write(PROJECT, "tests/test_scaling.py", "broken\n");
        Result r2 = run("restore", "file", "--from", B1, "tests/test_scaling.py");
        assertThat(r2.status()).as(r2.error()).isZero();
        assertThat(TestFiles.read(PROJECT, "tests/test_scaling.py")).contains("def test_scaling");
        Result r3 = run("restore", "file", "tests/test_scaling.py", "src/batch_processor/batch_manager.py", "--dry-run");
        assertThat(r3.status()).as(r3.error()).isZero();
        // flags before, between and after the paths, as git and restic users type them
        TestFiles.write(PROJECT, "tests/test_scaling.py", "broken\n");
        Result r4 = run("restore", "file", "--dry-run", "tests/test_scaling.py");
        assertThat(r4.status()).as(r4.error()).isZero();
        assertThat(r4.screen()).contains("dry run, nothing was changed").contains("tests/test_scaling.py");
        Result r5 = run("restore", "file", "tests/test_scaling.py", "--dry-run", "src/batch_processor/batch_manager.py",
                "--from", B1, "--json");
        assertThat(r5.status()).as(r5.error()).isZero();
        assertThat(r5.screen()).contains("\"dryRun\"").contains("src/batch_processor/batch_manager.py");
        assertThat(TestFiles.read(PROJECT, "tests/test_scaling.py")).isEqualTo("broken\n");
    }

    @Test
    void dryRunSaysWhatWouldHappenAndChangesNothing() throws Exception {
        TestFiles.write(PROJECT, "src/batch_processor/batch_manager.py", "broken\n");
        TestFiles.write(PROJECT, "src/batch_processor/added.py", "added\n");
        Map<String, String> before = TreeSnapshot.of(PROJECT);
        Result r = run("restore", "file", "src/batch_processor", "--exact", "--dry-run");
        assertThat(r.status()).isZero();
        assertThat(r.screen()).contains("dry run, nothing was changed").contains("write   src/batch_processor/batch_manager.py")
                .contains("remove  src/batch_processor/added.py").contains("would write 1 file (29 B), remove 1 (6 B), leave 2 unchanged");
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(before);
        assertThat(PROJECT.resolve(".rollback/journal")).doesNotExist();
    }

    @Test
    void restoreAllNeedsYesOutsideTheRepl() throws Exception {
        TestFiles.write(PROJECT, "src/batch_processor/batch_manager.py", "broken\n");
        Map<String, String> before = TreeSnapshot.of(PROJECT);
        Result refused = run("restore", "all");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.error()).contains("refused without confirmation").contains("restore all --yes");
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(before);

        TestFiles.write(PROJECT, "src/__pycache__/x.cpython-311.pyc", "bytecode");
        Result r = run("restore", "all", "--yes");
        assertThat(r.status()).as(r.error()).isZero();
        assertThat(r.screen()).contains("wrote 1 file").contains("removed 1").contains("unchanged");
        assertThat(PROJECT.resolve("src/__pycache__")).doesNotExist();
        run("undo");
        assertThat(TestFiles.read(PROJECT, "src/batch_processor/batch_manager.py")).isEqualTo("broken\n");
    }

    @Test
    void badInputIsOneLineAndStatusTwo() {
        Result unknown = run("restore", "file", "src/nope.py");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.error()).contains("has no src/nope.py");
        Result far = run("restore", "file", "src/nonexistent.py");
        assertThat(far.error()).contains("has no src/nonexistent.py").doesNotContain("did you mean");
        Result outside = run("restore", "file", "../etc/passwd");
        assertThat(outside.status()).isEqualTo(2);
        assertThat(outside.error()).contains("outside the project");
        Result both = run("restore", "file", "src", "--from", B1, "--git", "HEAD");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.error()).contains("not both");
        Result noBackup = run("restore", "file", "src", "--from", "20260101_120001");
        assertThat(noBackup.status()).isEqualTo(2);
        assertThat(noBackup.error()).contains("did you mean " + B1);
        Result nothing = run("undo");
        assertThat(nothing.status()).isEqualTo(2);
        assertThat(nothing.error()).contains("nothing to undo");
    }

    @Test
    void cleanIsJournalledAndUndoable() throws Exception {
        TestFiles.write(PROJECT, "src/__pycache__/a.cpython-311.pyc", "x");
        Map<String, String> before = TreeSnapshot.of(PROJECT);
        Result dry = run("clean", "--dry-run");
        assertThat(dry.screen()).contains("would remove 1 file").contains("src/__pycache__/");
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(before);
        Result r = run("clean");
        assertThat(r.status()).isZero();
        assertThat(Files.exists(PROJECT.resolve("src/__pycache__"))).isFalse();
        run("undo");
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(before);
        assertThat(run("clean", "--json").screen()).contains("\"patterns\" : [ \"**/*.pyc\", \"**/__pycache__\" ]");
    }

    @Test
    void processesListsAndStopNeedsYes() {
        Result r = run("processes", "--json");
        assertThat(r.status()).isZero();
        assertThat(r.screen()).contains("\"pattern\" : \"python.*athena\"");
    }

    @Test
    void restoresAreRecordedInTheSessionTimeline() throws Exception {
        TestFiles.write(PROJECT, "src/batch_processor/batch_manager.py", "broken\n");
        run("restore", "file", "src/batch_processor/batch_manager.py");
        String session = Files.readString(PROJECT.resolve(".rollback/session.json"));
        assertThat(session).contains("\"kind\" : \"restore\"").contains("journal entry 1");
    }
}
