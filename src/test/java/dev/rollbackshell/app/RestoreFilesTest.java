package dev.rollbackshell.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.restore.RestorePlan;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.session.SessionState;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.testing.TreeSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code app/RestoreFiles} on the replica: {@code restore file} and {@code restore all} from
 * the backup as one journal entry each, recorded; a dry run and a refused confirmation change
 * and record nothing.
 */
class RestoreFilesTest {

    static final RestoreFiles.Options FROM_SELECTED = new RestoreFiles.Options(null, null, false, false, false);
    static final RestoreFiles.Options DRY_RUN = new RestoreFiles.Options(Athena.BACKUP_ID, null, true, false, false);

    @TempDir
    Path dir;

    static String holder(Replica r) {
        try {
            return r.lockHolder();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void restoreFileWritesTheBackupsCopyAndRecordsItsJournalEntry() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();

        RestoreReport rep = new RestoreFiles(r.cx).files(List.of(Replica.FEEDBACK), false, FROM_SELECTED);

        assertThat(rep.journal()).isNotNull();
        assertThat(rep.summary().written()).isEqualTo(1);
        assertThat(rep.problems()).isEmpty();
        assertThat(r.read(Replica.FEEDBACK)).isEqualTo(Athena.FILES.get(Replica.FEEDBACK));
        assertThat(r.events()).extracting(SessionState.Event::kind).containsExactly("restore");
        assertThat(r.lastEvent().summary()).isEqualTo(rep.action() + " " + Replica.FEEDBACK + " from "
                + rep.source().description() + ": 1 written, 0 removed, " + rep.summary().unchanged()
                + " unchanged (journal entry " + rep.journal() + ")");
        assertThat(r.lastEvent().files()).isEqualTo(1);

        RestoreReport again = new RestoreFiles(r.cx).files(List.of(Replica.FEEDBACK), false, FROM_SELECTED);
        assertThat(again.changesNothing()).isTrue();
        assertThat(again.journal()).as("nothing to write, no journal entry").isNull();
        assertThat(r.events()).as("and nothing recorded").hasSize(1);
    }

    @Test
    void aDryRunChangesAndRecordsNothing() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        Map<String, String> before = TreeSnapshot.of(dir);

        RestoreReport file = new RestoreFiles(r.cx).files(List.of(Replica.FEEDBACK), false, DRY_RUN);
        RestoreReport all = new RestoreFiles(r.cx).all(null, DRY_RUN, plan -> {
            throw new AssertionError("a dry run asks nothing");
        });

        assertThat(file.dryRun()).isTrue();
        assertThat(file.summary().written()).isEqualTo(1);
        assertThat(all.summary().written()).isEqualTo(1);
        assertThat(file.journal()).isNull();
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);
        assertThat(r.events()).isEmpty();
    }

    @Test
    void restoreAllAsksUnderTheLockThenMakesTheFoldersExactlyLikeTheBackup() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        TestFiles.write(dir, "src/stray.py", "x = 1\n");
        List<RestorePlan> asked = new ArrayList<>();

        RestoreReport rep = new RestoreFiles(r.cx).all(null, FROM_SELECTED, plan -> {
            assertThat(holder(r)).as("asked while the lock is held").contains("doing=restore all");
            asked.add(plan);
        });

        assertThat(asked).hasSize(1);
        assertThat(rep.summary().written()).isEqualTo(1);
        assertThat(rep.summary().removed()).isGreaterThanOrEqualTo(1);
        assertThat(Files.exists(dir.resolve("src/stray.py"))).isFalse();
        assertThat(r.read(Replica.FEEDBACK)).isEqualTo(Athena.FILES.get(Replica.FEEDBACK));
        assertThat(r.lastEvent().kind()).isEqualTo("restore");
        assertThat(r.lastEvent().summary()).endsWith("(journal entry " + rep.journal() + ")");

        RestoreReport again = new RestoreFiles(r.cx).all(null, FROM_SELECTED, plan -> {
            throw new AssertionError("nothing to change, nothing to ask");
        });
        assertThat(again.changesNothing()).isTrue();
        assertThat(r.events()).hasSize(1);
    }

    @Test
    void aRefusedConfirmationLeavesTheProjectAsItWasAndTheLockFree() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        Map<String, String> before = TreeSnapshot.of(dir);

        assertThatThrownBy(() -> new RestoreFiles(r.cx).all(null, FROM_SELECTED, plan -> {
            throw new IllegalStateException("no");
        })).hasMessage("no");

        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);
        assertThat(r.events()).isEmpty();
        assertThat(r.lockHolder()).isEmpty();
        RestoreReport rep = new RestoreFiles(r.cx).files(List.of(Replica.FEEDBACK), false, FROM_SELECTED);
        assertThat(rep.summary().written()).as("the lock was released").isEqualTo(1);
    }
}
