package dev.rollbackshell.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.testing.TreeSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path root;

    /** Outside the project: where escaping links lead. */
    @TempDir
    Path elsewhere;

    Project project;
    Journal journal;
    List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        project = Project.at(root);
        journal = new Journal(project, warnings::add);
        TestFiles.write(root, "src/a.py", "a = 1\n");
        TestFiles.write(root, "src/b.py", "b = 1\n");
        TestFiles.write(root, "src/pkg/c.py", "c = 1\n");
        TestFiles.write(root, "src/pkg/d.py", "d = 1\n");
        Files.setLastModifiedTime(root.resolve("src/a.py"), java.nio.file.attribute.FileTime.from(Instant.parse("2025-01-01T10:00:00.123456789Z")));
    }

    static Content text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new Content() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(b);
            }

            @Override
            public long size() {
                return b.length;
            }

            @Override
            public String sha256() {
                return Hashing.sha256(b);
            }

            @Override
            public String origin() {
                return "test";
            }
        };
    }

    static Change write(String path, String content) {
        return new Change.Write(path, text(content), null, null);
    }

    /** A mix: replace a file, add one in a new folder, remove one, a folder becomes a file, a file becomes a folder. */
    List<Change> mixed() {
        return List.of(
                write("src/a.py", "a = 2\n"),
                write("src/new/deep/e.py", "e = 1\n"),
                new Change.Remove("src/b.py"),
                write("src/pkg", "pkg is a file now\n"),
                write("src/b.py/inside.py", "b.py is a folder now\n"));
    }

    @Test
    void applyThenUndoGivesTheExactTreeBackAndRedoTheChangedOne() {
        Map<String, String> before = TreeSnapshot.of(root);
        Journal.Applied a = journal.apply("restore-file", "mixed", mixed());
        Map<String, String> after = TreeSnapshot.of(root);
        assertThat(after).isNotEqualTo(before);
        assertThat(read("src/pkg")).isEqualTo("pkg is a file now\n");
        assertThat(read("src/b.py/inside.py")).isEqualTo("b.py is a folder now\n");
        assertThat(a.entry().status()).isEqualTo(JournalEntry.COMPLETE);

        Journal.Applied u = journal.undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        assertThat(u.entry().reverts()).isEqualTo(a.entry().seq());
        assertThat(u.changedSince()).isEmpty();

        journal.redo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(after);
        journal.undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void undoGoesDownTheListAndRedoComesBackUp() {
        Map<String, String> s0 = TreeSnapshot.of(root);
        journal.apply("restore-file", "one", List.of(write("src/a.py", "one\n")));
        Map<String, String> s1 = TreeSnapshot.of(root);
        journal.apply("clean", "two", List.of(new Change.Remove("src/pkg")));
        Map<String, String> s2 = TreeSnapshot.of(root);

        journal.undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(s1);
        journal.undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(s0);
        assertThatThrownBy(journal::undo).isInstanceOf(RollbackException.class).hasMessageContaining("nothing to undo");

        journal.redo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(s1);
        journal.redo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(s2);
        assertThatThrownBy(journal::redo).isInstanceOf(RollbackException.class).hasMessageContaining("nothing to redo");

        // a redo is undone like anything else
        journal.undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(s1);
        List<JournalEntry> list = journal.list();
        assertThat(list).extracting(JournalEntry::kind)
                .containsExactly("restore-file", "clean", "undo", "undo", "redo", "redo", "undo");
    }

    @Test
    void aNewChangeAfterAnUndoEndsTheRedos() {
        journal.apply("restore-file", "one", List.of(write("src/a.py", "one\n")));
        journal.undo();
        journal.apply("restore-file", "two", List.of(write("src/b.py", "two\n")));
        assertThatThrownBy(journal::redo).hasMessageContaining("nothing to redo");
    }

    @Test
    void editsMadeAfterARestoreAreKeptByTheUndoAndComeBackWithRedo() throws IOException {
        Map<String, String> before = TreeSnapshot.of(root);
        journal.apply("restore-file", "one", List.of(write("src/a.py", "restored\n"), write("src/z.py", "new\n")));
        TestFiles.write(root, "src/a.py", "my edit after the restore\n");
        TestFiles.write(root, "src/z.py", "edited too\n");
        Map<String, String> edited = TreeSnapshot.of(root);

        Journal.Applied u = journal.undo();
        assertThat(u.changedSince()).containsExactlyInAnyOrder("src/a.py", "src/z.py");
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        journal.redo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(edited);
    }

    @Test
    void filesAddedIntoAFolderTheRestoreCreatedAreSavedWhenUndoRemovesIt() throws IOException {
        Map<String, String> before = TreeSnapshot.of(root);
        journal.apply("restore-file", "one", List.of(write("src/made/x.py", "x\n")));
        TestFiles.write(root, "src/made/mine.py", "my new work\n");
        Map<String, String> withMine = TreeSnapshot.of(root);
        journal.undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        journal.redo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(withMine);
    }

    @Test
    void modeAndTimeAreWrittenAndReadOnlyFilesAreReplacedAndComeBack() throws IOException {
        Path ro = root.resolve("src/pkg/c.py");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r-----"));
        Map<String, String> before = TreeSnapshot.of(root);
        Instant t = Instant.parse("2024-06-01T12:00:00Z");
        journal.apply("restore-file", "ro", List.of(new Change.Write("src/pkg/c.py", text("c = 2\n"), "rwxr-x---", t)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ro))).isEqualTo("rwxr-x---");
        assertThat(Files.getLastModifiedTime(ro).toInstant()).isEqualTo(t);
        assertThat(Files.readString(ro)).isEqualTo("c = 2\n");
        journal.undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        // exact to the nanosecond, not just the millisecond
        assertThat(Files.getLastModifiedTime(root.resolve("src/a.py")).toInstant())
                .isEqualTo(Instant.parse("2025-01-01T10:00:00.123456789Z"));
    }

    @Test
    void aReadOnlyFolderIsWrittenIntoAndStaysReadOnly() throws IOException {
        Path pkg = root.resolve("src/pkg");
        Files.setPosixFilePermissions(pkg, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Map<String, String> before = TreeSnapshot.of(root);
            journal.apply("restore-file", "ro dir", List.of(write("src/pkg/c.py", "c = 3\n"), write("src/pkg/n.py", "n\n")));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pkg))).isEqualTo("r-xr-xr-x");
            journal.undo();
            assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        } finally {
            Files.setPosixFilePermissions(pkg, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void symbolicLinksAreRecordedAndRestoredNeverFollowed() throws IOException {
        Files.createSymbolicLink(root.resolve("src/link.py"), Path.of("a.py"));
        Path outside = Files.createDirectories(elsewhere.resolve("outside"));
        Files.createSymbolicLink(root.resolve("src/out"), outside);
        Map<String, String> before = TreeSnapshot.of(root);
        journal.apply("restore-file", "links", List.of(
                write("src/link.py", "now a file\n"),
                write("src/out/x.py", "must not land outside\n"),
                new Change.Link("src/b.py", "pkg/c.py")));
        assertThat(Files.isSymbolicLink(root.resolve("src/link.py"))).isFalse();
        assertThat(Files.isDirectory(root.resolve("src/out"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.isSymbolicLink(root.resolve("src/out"))).isFalse();
        assertThat(outside.resolve("x.py")).doesNotExist();
        assertThat(Files.readSymbolicLink(root.resolve("src/b.py"))).isEqualTo(Path.of("pkg/c.py"));
        journal.undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void theToolsOwnAreasAndEscapingPathsAreRefused() {
        for (String bad : List.of("../x", "/etc/passwd", "src/../../x", ".rollback/journal/x", ".git/config",
                "redundancy_reduction_backups/20260101_120000/src_backup/a.py", "src/./a.py", "")) {
            assertThatThrownBy(() -> journal.apply("restore-file", "bad", List.of(write(bad, "x"))))
                    .as(bad).isInstanceOf(RollbackException.class)
                    .extracting(e -> ((RollbackException) e).exitStatus()).isEqualTo(2);
        }
        assertThat(journal.list()).isEmpty();
    }

    @Test
    void aDamagedContentStopsEverythingBeforeTheProjectIsTouched() {
        Map<String, String> before = TreeSnapshot.of(root);
        Content liar = new Content() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream("damaged".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public long size() {
                return 7;
            }

            @Override
            public String sha256() {
                return Hashing.sha256("the real one".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String origin() {
                return "backup X";
            }
        };
        assertThatThrownBy(() -> journal.apply("restore-file", "damaged", List.of(
                write("src/a.py", "fine\n"), new Change.Write("src/b.py", liar, null, null))))
                .isInstanceOf(ContentMismatchException.class)
                .hasMessageContaining("src/b.py").hasMessageContaining("backup X").hasMessageContaining("nothing was changed");
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        assertThat(journal.list()).isEmpty();
    }

    @Test
    void aStepThatFailsPutsBackWhatWasDoneAndSaysSo() {
        Map<String, String> before = TreeSnapshot.of(root);
        journal.hook(new Journal.Hook() {
            @Override
            public void beforeStep(Step step) {
                if (step.path().equals("src/pkg/d.py")) {
                    throw new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException(step.path()));
                }
            }
        });
        assertThatThrownBy(() -> journal.apply("restore-file", "fails", List.of(
                write("src/a.py", "x\n"), write("src/pkg/c.py", "y\n"), write("src/pkg/d.py", "z\n"))))
                .isInstanceOf(RollbackException.class)
                .hasMessageContaining("stopped at src/pkg/d.py").hasMessageContaining("put back");
        journal.hook(Journal.Hook.NONE);
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        List<JournalEntry> list = journal.list();
        assertThat(list).extracting(JournalEntry::status).containsExactly(JournalEntry.FAILED, JournalEntry.COMPLETE);
        assertThat(list.get(0).effective()).isFalse();
        assertThat(list.get(1).automatic()).isTrue();
        assertThat(journal.nextUndo()).isEmpty();
    }

    /** A kill -9 stand-in: an Error nobody catches, thrown just before step k. */
    static final class Crash extends Error {
    }

    @Test
    void aCrashBeforeAnyStepLeavesEveryFileWholeAndUndoRestoresTheExactTree() throws IOException {
        Map<String, String> before = TreeSnapshot.of(root);
        List<Change> changes = mixed();
        int steps = countSteps(changes);
        assertThat(steps).isGreaterThan(8);
        for (int k = 0; k <= steps; k++) {
            int crashAt = k;
            journal.hook(new Journal.Hook() {
                @Override
                public void beforeStep(Step step) {
                    if (step.i() == crashAt) {
                        throw new Crash();
                    }
                }
            });
            try {
                journal.apply("restore-file", "crash at " + k, changes);
            } catch (Crash expected) {
                // the process "died" here
            }
            journal.hook(Journal.Hook.NONE);
            assertEveryFileWhole(before);
            Journal fresh = new Journal(project, warnings::add); // the next run of the program
            if (k < steps) {
                assertThat(fresh.nextUndo().orElseThrow().status()).as("step " + k).isEqualTo(JournalEntry.INTERRUPTED);
            }
            fresh.undo();
            assertThat(TreeSnapshot.of(root)).as("undo after a crash before step " + k).isEqualTo(before);
        }
    }

    @Test
    void aCrashWhileContentsAreStagedChangesNothingAndUndoRevertsThatEntryNotAnOlderOne() throws IOException {
        journal.apply("restore-file", "older", List.of(write("src/a.py", "older\n")));
        Map<String, String> before = TreeSnapshot.of(root);
        Content dies = new Content() {
            @Override
            public InputStream open() {
                throw new Crash();
            }

            @Override
            public long size() {
                return -1;
            }

            @Override
            public String sha256() {
                return null;
            }

            @Override
            public String origin() {
                return "x";
            }
        };
        try {
            journal.apply("restore-file", "dies while staging", List.of(write("src/b.py", "b2\n"),
                    new Change.Write("src/pkg/c.py", dies, null, null)));
        } catch (Crash expected) {
            // died
        }
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        Journal fresh = new Journal(project, warnings::add);
        assertThat(fresh.nextUndo().orElseThrow().summary()).isEqualTo("dies while staging");
        fresh.undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        assertThat(read("src/a.py")).isEqualTo("older\n");
    }

    @Test
    void aCrashedUndoIsFinishedByTheNextUndo() {
        Map<String, String> before = TreeSnapshot.of(root);
        journal.apply("restore-file", "mixed", mixed());
        journal.hook(new Journal.Hook() {
            @Override
            public void beforeStep(Step step) {
                if (step.i() == 3) {
                    throw new Crash();
                }
            }
        });
        try {
            journal.undo();
        } catch (Crash expected) {
            // died in the middle of the undo
        }
        journal.hook(Journal.Hook.NONE);
        Journal fresh = new Journal(project, warnings::add);
        fresh.undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    /** Crashes the next apply just before step {@code at}; the entry stays interrupted. */
    private void crashAt(int at, List<Change> changes) {
        journal.hook(new Journal.Hook() {
            @Override
            public void beforeStep(Step step) {
                if (step.i() == at) {
                    throw new Crash();
                }
            }
        });
        try {
            journal.apply("restore-file", "crash at " + at, changes);
        } catch (Crash expected) {
            // the process "died" here
        } finally {
            journal.hook(Journal.Hook.NONE);
        }
    }

    @Test
    void anEditAfterACrashToAFileTheRestoreHadNotReachedKeepsUndoWorkingAndIsKept() throws IOException {
        crashAt(1, List.of(write("src/a.py", "a = 2\n"), write("src/b.py", "b = 2\n")));
        assertThat(read("src/a.py")).isEqualTo("a = 2\n");
        // the user edits the not-reached file in place (same inode as the journal's before-image)
        Files.writeString(root.resolve("src/b.py"), "my edit, longer than before\n");

        Journal.Applied u = new Journal(project, warnings::add).undo();
        assertThat(read("src/a.py")).isEqualTo("a = 1\n");
        assertThat(read("src/b.py")).isEqualTo("my edit, longer than before\n");
        assertThat(u.changedSince()).isEmpty();
    }

    @Test
    void editsAfterACrashToFilesTheRestoreHadWrittenAreNamedByUndo() throws IOException {
        crashAt(1, List.of(write("src/a.py", "a = 2\n"), write("src/b.py", "b = 2\n")));
        Files.writeString(root.resolve("src/a.py"), "edited after the crash\n");

        Journal.Applied u = new Journal(project, warnings::add).undo();
        assertThat(u.changedSince()).containsExactly("src/a.py");
        assertThat(read("src/a.py")).isEqualTo("a = 1\n");
        assertThat(read("src/b.py")).isEqualTo("b = 1\n");
    }

    @Test
    void aTornStepAfterACrashIsNotTakenForAnEdit() {
        Map<String, String> before = TreeSnapshot.of(root);
        List<Change> changes = mixed();
        for (int k = 0; k <= countSteps(changes); k++) {
            crashAt(k, changes);
            Journal.Applied u = new Journal(project, warnings::add).undo();
            assertThat(u.changedSince()).as("crash before step " + k).isEmpty();
            assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        }
    }

    @Test
    void aFileWithASecondHardLinkUndoesToItsOwnOldBytesWhenTheOtherNameIsEdited() throws IOException {
        Path other = elsewhere.resolve("a-other-name.py");
        Files.createLink(other, root.resolve("src/a.py"));
        journal.apply("restore-file", "one", List.of(write("src/a.py", "restored\n")));
        Files.writeString(other, "edited through the other name\n"); // same size would fool a size check too
        journal.undo();
        assertThat(read("src/a.py")).isEqualTo("a = 1\n");
    }

    @Test
    void undoWithDeletedBeforeImagesRefusesNamesThemAndMarksNothing() throws IOException {
        JournalEntry e = journal.apply("restore-file", "one", List.of(write("src/a.py", "a = 2\n"),
                write("src/b.py", "b = 2\n"))).entry();
        try (var kids = Files.list(e.dir().resolve("before"))) {
            for (Path k : kids.toList()) {
                Files.delete(k);
            }
        }
        Map<String, String> now = TreeSnapshot.of(root);
        assertThatThrownBy(journal::undo).isInstanceOf(RollbackException.class)
                .hasMessageContaining("src/a.py").hasMessageContaining("src/b.py").hasMessageContaining("missing");
        assertThat(TreeSnapshot.of(root)).isEqualTo(now);
        assertThat(journal.list()).extracting(JournalEntry::kind).containsExactly("restore-file");
        assertThat(journal.nextUndo().orElseThrow().seq()).isEqualTo(e.seq());
    }

    @Test
    void runAsRootWrittenFilesKeepTheOwnerOfTheFileReplacedOrOfTheirFolder() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "skipped: only root can give files to another owner");
        Files.setAttribute(root.resolve("src/a.py"), "unix:uid", 4242, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(root.resolve("src/a.py"), "unix:gid", 4343, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(root.resolve("src/pkg"), "unix:uid", 5252, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        journal.apply("restore-file", "one", List.of(write("src/a.py", "a = 2\n"), write("src/pkg/new/e.py", "e\n")));
        assertThat(Files.getAttribute(root.resolve("src/a.py"), "unix:uid")).isEqualTo(4242);
        assertThat(Files.getAttribute(root.resolve("src/a.py"), "unix:gid")).isEqualTo(4343);
        assertThat(Files.getAttribute(root.resolve("src/pkg/new"), "unix:uid")).isEqualTo(5252);
        assertThat(Files.getAttribute(root.resolve("src/pkg/new/e.py"), "unix:uid")).isEqualTo(5252);
        journal.undo();
        assertThat(read("src/a.py")).isEqualTo("a = 1\n");
        assertThat(Files.getAttribute(root.resolve("src/a.py"), "unix:uid")).isEqualTo(4242);
    }

    @Test
    void anEntryFolderWithoutItsStateIsSweptAway() throws IOException {
        Files.createDirectories(journal.dir().resolve("0001-20260101-000000-restore-file/new"));
        journal.apply("restore-file", "x", List.of(write("src/a.py", "x\n")));
        assertThat(journal.list()).extracting(JournalEntry::seq).containsExactly(1);
        assertThat(journal.dir().resolve("0001-20260101-000000-restore-file")).doesNotExist();
    }

    @Test
    void nothingToDoWritesNoEntry() {
        assertThat(journal.apply("clean", "none", List.of(new Change.Remove("src/nope.pyc"))).changedNothing()).isTrue();
        assertThat(journal.list()).isEmpty();
    }

    private String read(String rel) {
        try {
            return Files.readString(root.resolve(rel));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int countSteps(List<Change> changes) {
        Planner p = new Planner(project);
        changes.forEach(p::add);
        return p.steps().size();
    }

    /** Every path holds either its old content or its new one; nothing torn, no temporary files. */
    private void assertEveryFileWhole(Map<String, String> before) throws IOException {
        Set<String> allowed = Set.of("a = 1\n", "a = 2\n", "b = 1\n", "c = 1\n", "d = 1\n", "e = 1\n",
                "pkg is a file now\n", "b.py is a folder now\n");
        TreeMap<String, String> now = TreeSnapshot.contentOf(root);
        for (String p : now.keySet()) {
            Path f = root.resolve(p);
            if (Files.isRegularFile(f)) {
                assertThat(allowed).as(p).contains(Files.readString(f));
            }
            assertThat(p).doesNotContain(".rollback-").doesNotEndWith(".tmp");
        }
    }
}
