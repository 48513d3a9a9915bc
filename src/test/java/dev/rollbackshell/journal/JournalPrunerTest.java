package dev.rollbackshell.journal;

import static dev.rollbackshell.journal.JournalTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal prune} and the journal's disk use, on real entries; and entries whose entry.json was tampered with. */
class JournalPrunerTest {

    @TempDir
    Path root;

    Project project;
    Journal journal;
    JournalPruner pruner;
    List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        project = Project.at(root);
        journal = new Journal(project, warnings::add);
        pruner = new JournalPruner(journal, warnings::add);
        TestFiles.write(root, "src/a.py", "a = 0\n");
    }

    private void restores(int n) {
        for (int k = 1; k <= n; k++) {
            journal.apply("restore-file", "version " + k, List.of(write("src/a.py", "a = " + k + "\n")));
        }
    }

    private List<Integer> seqs() {
        return journal.list().stream().map(JournalEntry::seq).toList();
    }

    @Test
    void keepsTheNewestAndTheNewestStillUndo() throws IOException {
        restores(5);
        JournalPruner.Plan plan = pruner.plan(2, null);
        assertThat(plan.remove()).extracting(JournalEntry::seq).containsExactly(1, 2, 3);
        assertThat(plan.bytes()).isPositive();
        assertThat(seqs()).containsExactly(1, 2, 3, 4, 5); // planning removes nothing
        assertThat(pruner.execute(plan)).containsExactly(1, 2, 3);
        assertThat(seqs()).containsExactly(4, 5);
        try (Stream<Path> left = Files.list(journal.dir())) {
            assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("0004") || n.startsWith("0005"));
        }
        journal.undo();
        journal.undo();
        assertThat(Files.readString(root.resolve("src/a.py"))).isEqualTo("a = 3\n");
        restores(1);
        assertThat(seqs()).containsExactly(4, 5, 6, 7, 8); // numbers go on from the newest, never reused
    }

    @Test
    void neverRemovesAnInterruptedEntryStillInEffect() throws IOException {
        restores(1);
        journal.hook(new Journal.Hook() {
            @Override
            public void beforeStep(Step step) {
                throw new JournalTest.Crash();
            }
        });
        try {
            journal.apply("restore-file", "killed", List.of(write("src/a.py", "killed\n")));
        } catch (JournalTest.Crash expected) {
            // the process "died" before its first step
        }
        journal = new Journal(project, warnings::add);
        pruner = new JournalPruner(journal, warnings::add);
        restores(3);
        JournalPruner.Plan plan = pruner.plan(1, null);
        assertThat(plan.remove()).extracting(JournalEntry::seq).containsExactly(1, 3, 4);
        assertThat(plan.held()).extracting(JournalPruner.Held::seq).containsExactly(2);
        assertThat(plan.held().get(0).why()).contains("interrupted");
        pruner.execute(plan);
        assertThat(seqs()).containsExactly(2, 5);
    }

    @Test
    void olderThanLeavesRecentEntries() {
        restores(3);
        assertThat(pruner.plan(0, Duration.ofDays(1)).remove()).isEmpty();
        assertThat(pruner.plan(0, null).remove()).hasSize(3);
        assertThatThrownBy(() -> pruner.plan(-1, null)).isInstanceOf(RollbackException.class);
    }

    @Test
    void aPruneKilledAfterItsRenameIsSweptAndNeverListed() throws IOException {
        restores(2);
        Path first = journal.list().get(0).dir();
        Files.move(first, first.resolveSibling(JournalPruner.PRUNED_PREFIX + first.getFileName()));
        assertThat(seqs()).containsExactly(2);
        pruner.execute(pruner.plan(5, null));
        try (Stream<Path> left = Files.list(journal.dir())) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith(JournalPruner.PRUNED_PREFIX))).isEmpty();
        }
    }

    @Test
    void usageCountsEntriesAndBytes() {
        assertThat(pruner.usage()).isEqualTo(new JournalPruner.Usage(0, 0));
        restores(3);
        JournalPruner.Usage u = pruner.usage();
        assertThat(u.entries()).isEqualTo(3);
        assertThat(u.bytes()).isGreaterThan(3 * "a = 1\n".length());
    }

    @Test
    void aTruncatedEntryIsNamedAndRefusedWithTheWayToMoveItAside() throws IOException {
        restores(2);
        Path entry = journal.list().get(1).dir().resolve(EntryStore.ENTRY);
        byte[] whole = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> journal.undo()).isInstanceOf(RollbackException.class)
                .satisfies(e -> assertThat(((RollbackException) e).exitStatus()).isEqualTo(2))
                .hasMessageContaining("journal entry " + entry.getParent().getFileName() + " is damaged")
                .hasMessageContaining("mv " + entry.getParent());
        assertThat(Files.readString(root.resolve("src/a.py"))).isEqualTo("a = 2\n"); // nothing undone, not the older one either
        assertThatThrownBy(() -> pruner.plan(0, null)).isInstanceOf(RollbackException.class);
        assertThat(pruner.usage().entries()).isEqualTo(2); // status still tells the size
    }

    @Test
    void aHandEditedEntryIsRefused() throws IOException {
        restores(1);
        Path entry = journal.list().get(0).dir().resolve(EntryStore.ENTRY);
        String doc = Files.readString(entry, StandardCharsets.UTF_8);
        for (String edit : List.of(doc.replace("\"src/a.py\"", "\"../outside.py\""), doc.replace("\"put\"", "\"chmod\""),
                doc.replace("\"complete\"", "\"done\""), doc.replace("\"seq\" : 1", "\"seq\" : 7"))) {
            assertThat(edit).isNotEqualTo(doc);
            Files.writeString(entry, edit, StandardCharsets.UTF_8);
            assertThatThrownBy(() -> journal.undo()).isInstanceOf(RollbackException.class).hasMessageContaining("is damaged");
        }
        assertThat(Files.exists(root.resolve("../outside.py"))).isFalse();
        Files.writeString(entry, doc, StandardCharsets.UTF_8);
        journal.undo();
        assertThat(Files.readString(root.resolve("src/a.py"))).isEqualTo("a = 0\n");
    }
}
