package dev.rollbackshell.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.journal.JournalEntry;
import dev.rollbackshell.journal.JournalPruner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code app/JournalPrune} on the replica's journal of three entries (a restore, its undo,
 * the redo): a dry run and a refused confirmation remove nothing; a prune removes the old
 * entries and records it; nothing to remove asks nothing.
 */
class JournalPruneTest {

    @TempDir
    Path dir;

    private Replica withThreeEntries() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        new RestoreFiles(r.cx).files(List.of(Replica.FEEDBACK), false, UndoTest.FROM_SELECTED);
        new Undo(r.cx).run(false);
        new Undo(r.cx).run(true);
        return r;
    }

    private static List<Integer> seqs(Replica r) {
        return new Undo(r.cx).list(null, true).shown().stream().map(JournalEntry::seq).toList();
    }

    @Test
    void aDryRunAndARefusalRemoveNothing() throws Exception {
        Replica r = withThreeEntries();
        int events = r.events().size();
        JournalPrune use = new JournalPrune(r.cx);
        assertThat(use.keepOrDefault(null)).isEqualTo(50);
        assertThat(use.keepOrDefault(1)).isEqualTo(1);

        JournalPruner.Pruned dry = use.prune(1, null, true, p -> {
            throw new AssertionError("a dry run asks nothing");
        });
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.removed()).containsExactly(1, 2);
        assertThat(dry.kept()).isEqualTo(1);
        assertThat(dry.bytes()).isPositive();

        assertThatThrownBy(() -> use.prune(1, null, false, p -> {
            throw new IllegalStateException("no");
        })).hasMessage("no");
        assertThat(seqs(r)).containsExactly(1, 2, 3);
        assertThat(r.events()).hasSize(events);
    }

    @Test
    void aPruneShowsWhatWouldGoThenRemovesItAndRecords() throws Exception {
        Replica r = withThreeEntries();
        List<JournalPruner.Pruned> asked = new ArrayList<>();

        JournalPruner.Pruned p = new JournalPrune(r.cx).prune(1, null, false, x -> {
            assertThat(RestoreFilesTest.holder(r)).as("asked while the lock is held").contains("doing=journal prune");
            asked.add(x);
        });

        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).dryRun()).isTrue();
        assertThat(asked.get(0).removed()).containsExactly(1, 2);
        assertThat(p.dryRun()).isFalse();
        assertThat(p.removed()).containsExactly(1, 2);
        assertThat(p.kept()).isEqualTo(1);
        assertThat(seqs(r)).containsExactly(3);
        assertThat(r.lastEvent().kind()).isEqualTo("journal-prune");
        assertThat(r.lastEvent().summary()).isEqualTo("removed journal entries [1, 2]");

        JournalPruner.Pruned again = new JournalPrune(r.cx).prune(1, null, false, x -> {
            throw new AssertionError("nothing to remove, nothing to ask");
        });
        assertThat(again.removed()).isEmpty();
        assertThat(again.kept()).isEqualTo(1);
    }

    @Test
    void olderThanLeavesEntriesMadeSince() throws Exception {
        Replica r = withThreeEntries();

        JournalPruner.Pruned p = new JournalPrune(r.cx).prune(0, Duration.ofDays(1), false, x -> {
            throw new AssertionError("nothing older than a day, nothing to ask");
        });

        assertThat(p.removed()).isEmpty();
        assertThat(seqs(r)).containsExactly(1, 2, 3);
    }
}
