package dev.rollbackshell.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.journal.JournalEntry;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.session.SessionState;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code app/Undo} on the replica: a restore undone and redone as new journal entries, each
 * recorded; a path edited since is warned about; the listing; nothing to undo refuses.
 */
class UndoTest {

    static final RestoreFiles.Options FROM_SELECTED = new RestoreFiles.Options(null, null, false, false, false);

    @TempDir
    Path dir;

    static String broken(Replica r) throws Exception {
        return r.read(Replica.FEEDBACK);
    }

    @Test
    void undoPutsBackWhatTheRestoreReplacedAndRedoReappliesIt() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        String broken = broken(r);
        RestoreReport restore = new RestoreFiles(r.cx).files(List.of(Replica.FEEDBACK), false, FROM_SELECTED);
        Undo use = new Undo(r.cx);

        Undo.Undone u = use.run(false);
        assertThat(u.reverted()).isEqualTo(restore.journal());
        assertThat(u.journal()).isEqualTo(restore.journal() + 1);
        assertThat(u.written()).isEqualTo(1);
        assertThat(u.changedSince()).isEmpty();
        assertThat(r.read(Replica.FEEDBACK)).isEqualTo(broken);
        assertThat(r.lastEvent().kind()).isEqualTo("undo");
        assertThat(r.lastEvent().summary()).isEqualTo("undid #" + restore.journal() + " (" + u.target().summary()
                + "), journal entry " + u.journal());
        assertThat(Json.write(u).replaceAll("\\s+", "")).as("undo --json")
                .isEqualTo("{\"reverted\":1,\"journal\":2,\"written\":1,\"removed\":0,\"changedSince\":[]}");

        Undo.Undone redo = use.run(true);
        assertThat(redo.redo()).isTrue();
        assertThat(redo.reverted()).isEqualTo(u.journal());
        assertThat(r.read(Replica.FEEDBACK)).isEqualTo(Athena.FILES.get(Replica.FEEDBACK));
        assertThat(r.events()).extracting(SessionState.Event::kind).containsExactly("restore", "undo", "redo");
        assertThat(r.lastEvent().summary()).startsWith("redid #" + u.journal() + " (");

        Undo.Listing all = use.list(null, false);
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.shown()).extracting(JournalEntry::seq).containsExactly(1, 2, 3);
        assertThat(all.newestFirst()).extracting(JournalEntry::seq).containsExactly(3, 2, 1);
        assertThat(Json.write(all)).isEqualTo(Json.write(all.newestFirst()));
        assertThat(use.list(2, false).shown()).extracting(JournalEntry::seq).containsExactly(2, 3);
        assertThat(use.list(null, true).shown()).hasSize(3);
    }

    @Test
    void aPathEditedSinceTheRestoreIsWarnedAboutAndKept() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        new RestoreFiles(r.cx).files(List.of(Replica.FEEDBACK), false, FROM_SELECTED);
        TestFiles.write(dir, Replica.FEEDBACK, "# edited after the restore\n");
        r.progress.clear();

        Undo.Undone u = new Undo(r.cx).run(false);

        assertThat(u.changedSince()).containsExactly(Replica.FEEDBACK);
        assertThat(r.progress).contains(Replica.FEEDBACK + " had changed since #1; what it held is kept in journal entry "
                + u.journal() + " ('undo --redo' brings it back)");
    }

    @Test
    void nothingToUndoRefusesAndRecordsNothing() throws Exception {
        Replica r = Replica.create(dir, true);
        Undo use = new Undo(r.cx);

        assertThatThrownBy(() -> use.run(false)).isInstanceOf(RollbackException.class).hasMessageStartingWith("nothing to undo");
        assertThatThrownBy(() -> use.run(true)).isInstanceOf(RollbackException.class).hasMessageStartingWith("nothing to redo");
        assertThat(r.events()).isEmpty();
        Undo.Listing l = use.list(null, false);
        assertThat(l.total()).isZero();
        assertThat(l.nextUndo()).isEmpty();
        assertThat(Json.write(l)).isEqualTo("[ ]");
    }
}
