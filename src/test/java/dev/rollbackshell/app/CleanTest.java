package dev.rollbackshell.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.restore.Cleaner;
import dev.rollbackshell.session.SessionState;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code app/Clean} on the replica: a dry run lists and changes nothing; a clean removes the
 * generated files as one journal entry, recorded, and {@code undo} brings them back; with
 * nothing to remove, no entry and nothing recorded.
 */
class CleanTest {

    static final String PYC = "src/batch_processor/__pycache__/feedback_loop.cpython-312.pyc";
    static final String STRAY = "tests/old.pyc";

    @TempDir
    Path dir;

    @Test
    void cleanRemovesTheGeneratedFilesAsOneUndoableEntryAndRecordsIt() throws Exception {
        Replica r = Replica.create(dir, false);
        TestFiles.write(dir, PYC, "compiled");
        TestFiles.write(dir, STRAY, "compiled too");
        Map<String, String> before = TreeSnapshot.of(dir);

        Cleaner.CleanReport dry = new Clean(r.cx).run(true);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.files()).isEqualTo(2);
        assertThat(dry.journal()).isNull();
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);
        assertThat(r.events()).isEmpty();

        Cleaner.CleanReport done = new Clean(r.cx).run(false);
        assertThat(done.files()).isEqualTo(2);
        assertThat(done.journal()).isNotNull();
        assertThat(Files.exists(dir.resolve(PYC))).isFalse();
        assertThat(Files.exists(dir.resolve(STRAY))).isFalse();
        assertThat(r.events()).extracting(SessionState.Event::kind).containsExactly("clean");
        assertThat(r.lastEvent().summary()).isEqualTo("removed 2 generated files (journal entry " + done.journal() + ")");
        assertThat(r.lockHolder()).as("the lock is released").isEmpty();

        Cleaner.CleanReport again = new Clean(r.cx).run(false);
        assertThat(again.files()).isZero();
        assertThat(again.journal()).isNull();
        assertThat(r.events()).hasSize(1);

        new Undo(r.cx).run(false);
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);
    }
}
