package dev.rollbackshell.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.journal.JournalEntry;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.restore.RestoreReport.Item;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestorerTest {

    static final String B1 = "20260101_120000";
    static final String B2 = "20260102_120000";
    static final List<String> FOLDERS = List.of("src", "tests", "data");
    static final List<String> CLEAN = List.of("**/*.pyc", "**/__pycache__");

    @TempDir
    Path root;

    /** Outside the project: where escaping links lead. */
    @TempDir
    Path elsewhere;

    Project project;
    Restorer restorer;
    List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        BackupFixtures.sampleProject(root);
        project = Project.at(root);
        restorer = new Restorer(project, new BackupStore(project), warnings::add);
    }

    RestoreReport restore(String... paths) {
        return restorer.restoreFiles(new RestoreRequest(List.of(paths), SourceRef.selected(null), false, false, false));
    }

    RestoreRequest request(SourceRef ref, boolean exact, boolean dryRun, String... paths) {
        return new RestoreRequest(List.of(paths), ref, exact, dryRun, false);
    }

    String read(String rel) throws IOException {
        return Files.readString(root.resolve(rel));
    }

    static int status(Throwable t) {
        return ((RollbackException) t).exitStatus();
    }

    // ---------------------------------------------------------------- from a backup

    /**
     * What a plan overwrites (what a suggestion's "overwrites" and its confirmation say): the
     * files and links written over (other content, mode or link target) or removed, never a
     * file that is only missing, nor a folder, nor an unchanged file.
     */
    @Test
    void aPlanOverwritesTheFilesAndLinksItWritesOverOrRemovesButNotWhatIsMissingNorFolders() throws IOException {
        BackupFixtures.manual(root, B1, "src");
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "edited since\n");
        Files.delete(root.resolve("src/batch_processor/progress_tracker.py"));
        Files.setPosixFilePermissions(root.resolve("src/iterative_refinement_system.py"), PosixFilePermissions.fromString("rwxr-xr-x"));
        TestFiles.write(root, "src/added.py", "new since\n");
        Files.createSymbolicLink(root.resolve("src/link.py"), Path.of("added.py"));
        Files.createDirectories(root.resolve("src/empty_since"));

        try (RestorePlan kept = restorer.planFiles(request(SourceRef.backup(B1), false, true, "src"))) {
            assertThat(kept.overwrites()).containsExactly("src/batch_processor/batch_manager.py", "src/iterative_refinement_system.py");
            assertThat(kept.report().written()).extracting(Item::path).contains("src/batch_processor/progress_tracker.py");
        }
        try (RestorePlan exact = restorer.planFiles(request(SourceRef.backup(B1), true, true, "src"))) {
            assertThat(exact.overwrites()).containsExactly("src/added.py", "src/batch_processor/batch_manager.py",
                    "src/iterative_refinement_system.py", "src/link.py");
            assertThat(exact.report().removed()).extracting(Item::path).contains("src/empty_since");
        }
    }


    @Test
    void aSingleFileComesBackFromAHandMadeBackupAndUndoGivesTheTreeBack() throws IOException {
        BackupFixtures.manual(root, B1, "src", "tests");
        String good = read("src/batch_processor/progress_tracker.py");
        TestFiles.write(root, "src/batch_processor/progress_tracker.py", "broken by the refactoring\n");
        TestFiles.write(root, "src/iterative_refinement_system.py", "also changed, must stay\n");
        Map<String, String> before = TreeSnapshot.of(root);

        RestoreReport r = restore("src/batch_processor/progress_tracker.py");
        assertThat(read("src/batch_processor/progress_tracker.py")).isEqualTo(good);
        assertThat(read("src/iterative_refinement_system.py")).isEqualTo("also changed, must stay\n");
        assertThat(r.written()).extracting(Item::path, Item::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("src/batch_processor/progress_tracker.py", "modified"));
        assertThat(r.journal()).isNotNull();
        assertThat(r.source().id()).isEqualTo(B1);

        restorer.journal().undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void anUnchangedFileIsNotRewritten() throws IOException {
        BackupFixtures.manual(root, B1, "src");
        Object inode = Files.getAttribute(root.resolve("src/batch_processor/batch_manager.py"), "unix:ino");
        RestoreReport r = restore("src/batch_processor");
        assertThat(r.written()).isEmpty();
        assertThat(r.summary().unchanged()).isEqualTo(3);
        assertThat(r.journal()).isNull();
        assertThat(Files.getAttribute(root.resolve("src/batch_processor/batch_manager.py"), "unix:ino")).isEqualTo(inode);
        assertThat(restorer.journal().list()).isEmpty();
    }

    @Test
    void aFolderGetsBackChangedAndDeletedFilesAndKeepsAddedOnesUnlessExact() throws IOException {
        BackupFixtures.manual(root, B1, "src");
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed\n");
        Files.delete(root.resolve("src/batch_processor/progress_tracker.py"));
        TestFiles.write(root, "src/batch_processor/added_since.py", "new work\n");
        Map<String, String> before = TreeSnapshot.of(root);

        RestoreReport r = restore("src/batch_processor");
        assertThat(r.written()).extracting(Item::path).containsExactly("src/batch_processor/batch_manager.py",
                "src/batch_processor/progress_tracker.py");
        assertThat(r.left()).extracting(Item::path, Item::reason).contains(org.assertj.core.groups.Tuple.tuple(
                "src/batch_processor/added_since.py", "not in backup " + B1 + " (made by hand); --exact removes it"));
        assertThat(r.removed()).isEmpty();
        assertThat(read("src/batch_processor/added_since.py")).isEqualTo("new work\n");
        restorer.journal().undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);

        RestoreReport exact = restorer.restoreFiles(request(SourceRef.backup(B1), true, false, "src/batch_processor"));
        assertThat(exact.removed()).extracting(Item::path).containsExactly("src/batch_processor/added_since.py");
        assertThat(root.resolve("src/batch_processor/added_since.py")).doesNotExist();
        assertThat(TreeSnapshot.contentOf(root.resolve("src/batch_processor")))
                .isEqualTo(TreeSnapshot.contentOf(root.resolve("redundancy_reduction_backups/" + B1 + "/src_backup/batch_processor")));
        restorer.journal().undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void theNuclearOptionMakesEveryProtectedFolderLikeTheBackupAndCleans() throws IOException {
        BackupFixtures.manual(root, B1, "src", "tests", "data");
        Map<String, String> backupContent = TreeSnapshot.contentOf(root);
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed\n");
        Files.delete(root.resolve("tests/test_scaling.py"));
        TestFiles.write(root, "src/extra/added.py", "added\n");
        TestFiles.write(root, "src/ai_analysis/__pycache__/notes_manager.cpython-311.pyc", "bytecode");
        TestFiles.write(root, "src/stray.pyc", "bytecode");
        TestFiles.write(root, "docs/not_protected.pyc", "left alone: not a protected folder");
        Map<String, String> before = TreeSnapshot.of(root);

        RestoreReport dry = restorer.restoreAll(new RestoreAllRequest(SourceRef.selected(null), null, FOLDERS, CLEAN, true, false));
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        assertThat(restorer.journal().list()).isEmpty();
        assertThat(dry.dryRun()).isTrue();

        RestoreReport r = restorer.restoreAll(new RestoreAllRequest(SourceRef.selected(null), null, FOLDERS, CLEAN, false, false));
        assertThat(r.written()).extracting(Item::path).containsExactly("src/batch_processor/batch_manager.py", "tests/test_scaling.py");
        assertThat(r.removed()).extracting(Item::path).contains("src/extra", "src/extra/added.py",
                "src/ai_analysis/__pycache__", "src/stray.pyc");
        assertThat(r.summary().written()).isEqualTo(2);
        assertThat(r.summary().removed()).isEqualTo(3);
        assertThat(r.summary().unchanged()).isEqualTo(5);
        assertThat(dry.summary()).isEqualTo(r.summary());
        Map<String, String> now = TreeSnapshot.contentOf(root);
        now.remove("docs");
        now.remove("docs/not_protected.pyc");
        assertThat(now).isEqualTo(backupContent);
        assertThat(root.resolve("docs/not_protected.pyc")).exists();

        restorer.journal().undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        restorer.journal().redo();
        assertThat(root.resolve("src/extra")).doesNotExist();
    }

    @Test
    void aFolderTheBackupLacksIsLeftAsItIs() throws IOException {
        BackupFixtures.manual(root, B1, "src");
        TestFiles.write(root, "data/metrics/run2.json", "[]\n");
        RestoreReport r = restorer.restoreAll(new RestoreAllRequest(SourceRef.backup(B1), null, FOLDERS, CLEAN, false, false));
        assertThat(r.skipped()).extracting(RestoreReport.Skipped::folder).containsExactly("tests", "data");
        assertThat(root.resolve("data/metrics/run2.json")).exists();
    }

    @Test
    void onlyRestrictsTheNuclearOptionToOneFolder() throws IOException {
        BackupFixtures.manual(root, B1, "src", "tests");
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed\n");
        TestFiles.write(root, "tests/test_scaling.py", "changed too\n");
        restorer.restoreAll(new RestoreAllRequest(SourceRef.backup(B1), "src", FOLDERS, CLEAN, false, false));
        assertThat(read("src/batch_processor/batch_manager.py")).isEqualTo("class BatchManager:\n    pass\n");
        assertThat(read("tests/test_scaling.py")).isEqualTo("changed too\n");
        assertThatThrownBy(() -> restorer.planAll(new RestoreAllRequest(SourceRef.backup(B1), "docs", FOLDERS, CLEAN, true, false)))
                .hasMessageContaining("not inside a protected folder").extracting(RestorerTest::status).isEqualTo(2);
    }

    @Test
    void globPatternsAsInTheRunbookRestoreEveryMatchingFile() throws IOException {
        TestFiles.write(root, "src/batch_processor/scaling_manager.py", "class ScalingManager:\n    pass\n");
        TestFiles.write(root, "src/batch_processor/scaling_predictor.py", "class ScalingPredictor:\n    pass\n");
        BackupFixtures.manual(root, B1, "src");
        TestFiles.write(root, "src/batch_processor/scaling_manager.py", "merged\n");
        Files.delete(root.resolve("src/batch_processor/scaling_predictor.py"));
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed, not matched\n");
        RestoreReport r = restore("src/batch_processor/scaling_*.py");
        assertThat(r.paths()).containsExactly("src/batch_processor/scaling_manager.py", "src/batch_processor/scaling_predictor.py");
        assertThat(r.written()).extracting(Item::path).containsExactly("src/batch_processor/scaling_manager.py",
                "src/batch_processor/scaling_predictor.py");
        assertThat(read("src/batch_processor/batch_manager.py")).isEqualTo("changed, not matched\n");
        assertThatThrownBy(() -> restore("src/batch_processor/nothing_*.py"))
                .hasMessageContaining("has nothing matching src/batch_processor/nothing_*.py")
                .extracting(RestorerTest::status).isEqualTo(2);
    }

    @Test
    void aFileReplacedByAFolderAndAFolderReplacedByAFileAreRestored() throws IOException {
        BackupFixtures.manual(root, B1, "src");
        Map<String, String> backup = TreeSnapshot.contentOf(root.resolve("src"));
        // the refactoring turned a module into a package, and a package into a module
        Files.delete(root.resolve("src/iterative_refinement_system.py"));
        TestFiles.write(root, "src/iterative_refinement_system.py/__init__.py", "package now\n");
        TestFiles.deleteContents(root.resolve("src/ai_analysis"));
        Files.delete(root.resolve("src/ai_analysis"));
        TestFiles.write(root, "src/ai_analysis", "a module now\n");
        Map<String, String> before = TreeSnapshot.of(root);

        RestoreReport r = restorer.restoreFiles(request(SourceRef.backup(B1), false, false,
                "src/iterative_refinement_system.py", "src/ai_analysis"));
        assertThat(r.removed()).extracting(Item::path).contains("src/iterative_refinement_system.py",
                "src/iterative_refinement_system.py/__init__.py", "src/ai_analysis");
        assertThat(TreeSnapshot.contentOf(root.resolve("src"))).isEqualTo(backup);
        restorer.journal().undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void namesWithSpacesAndUnicodeAreRestored() throws IOException {
        TestFiles.write(root, "src/my notes/résumé über ✓.py", "x = 'ünïcödé'\n");
        BackupFixtures.manual(root, B1, "src");
        TestFiles.write(root, "src/my notes/résumé über ✓.py", "broken\n");
        Map<String, String> before = TreeSnapshot.of(root);
        restore("src/my notes/résumé über ✓.py");
        assertThat(read("src/my notes/résumé über ✓.py")).isEqualTo("x = 'ünïcödé'\n");
        restorer.journal().undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void readOnlyProjectFilesAreRestoredWithTheBackupsMode() throws IOException {
        BackupFixtures.tool(root, B1, "src");
        Path f = root.resolve("src/batch_processor/batch_manager.py");
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        Map<String, String> before = TreeSnapshot.of(root);
        restore("src/batch_processor/batch_manager.py");
        assertThat(read("src/batch_processor/batch_manager.py")).isEqualTo("class BatchManager:\n    pass\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
        restorer.journal().undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void aRestoredFileIsWrittenNowAndTheRestoreNeverWritesIntoTheBackup() throws IOException {
        Path b = BackupFixtures.tool(root, B1, "src");
        Path copy = b.resolve("src_backup/batch_processor/batch_manager.py");
        String copyHash = Hashing.sha256(copy);
        Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed\n");
        long before = System.currentTimeMillis() - 1_000;
        restore("src/batch_processor/batch_manager.py");
        Path f = root.resolve("src/batch_processor/batch_manager.py");
        // as cp and git checkout write it: newer than anything a build tool made from the file it replaced
        assertThat(Files.getLastModifiedTime(f).toMillis()).isGreaterThanOrEqualTo(before);
        assertThat(Files.readString(f)).isEqualTo(Files.readString(copy));
        assertThat(Files.isSameFile(f, copy)).isFalse();
        Files.writeString(f, "edited in place after the restore\n", StandardOpenOption.APPEND);
        assertThat(Hashing.sha256(copy)).isEqualTo(copyHash);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("r--r--r--");
    }

    @Test
    void symbolicLinksInABackupAreRestoredAsLinks() throws IOException {
        Files.createSymbolicLink(root.resolve("src/current.py"), Path.of("iterative_refinement_system.py"));
        BackupFixtures.tool(root, B1, "src");
        Files.delete(root.resolve("src/current.py"));
        restore("src/current.py");
        assertThat(Files.readSymbolicLink(root.resolve("src/current.py"))).isEqualTo(Path.of("iterative_refinement_system.py"));
    }

    @Test
    void aTouchedButIdenticalFileIsNotRewrittenAndASameSizeEditIs() throws IOException {
        BackupFixtures.tool(root, B1, "src");
        Path touched = root.resolve("src/batch_processor/batch_manager.py");
        Files.setLastModifiedTime(touched, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Path edited = root.resolve("src/batch_processor/progress_tracker.py");
        String original = Files.readString(edited);
        Files.writeString(edited, original.replace("Progress", "Prugress")); // same size, other content
        RestoreReport r = restore("src/batch_processor");
        assertThat(r.written()).extracting(Item::path).containsExactly("src/batch_processor/progress_tracker.py");
        assertThat(r.summary().unchanged()).isEqualTo(2);
        assertThat(Files.readString(edited)).isEqualTo(original);
    }

    @Test
    void severalPlansBecomeOneJournalEntryThatOneUndoReverts() throws Exception {
        {
            GitCli git = GitCli.init(root);
            git.commitAll("before");
            BackupFixtures.manual(root, B1, "src");
            TestFiles.write(root, "src/batch_processor/progress_tracker.py", "consolidated away\n");
            TestFiles.write(root, "src/batch_processor/dynamic_scaling_controller.py", "import changed\n");
            git.commitAll("phase 1");
            Map<String, String> before = TreeSnapshot.of(root);
            // the runbook's phase 1 scenario A: one file from the backup, one from git HEAD~1
            List<RestoreReport> reports = restorer.applyAll("restore-scenario", "scenario phase1-A", List.of(
                    restorer.planFiles(request(SourceRef.backup(B1), false, false, "src/batch_processor/progress_tracker.py")),
                    restorer.planFiles(request(SourceRef.git("HEAD~1"), false, false,
                            "src/batch_processor/dynamic_scaling_controller.py"))));
            assertThat(reports).extracting(RestoreReport::journal).containsExactly(1, 1);
            assertThat(read("src/batch_processor/progress_tracker.py")).startsWith("class ProgressTracker");
            assertThat(read("src/batch_processor/dynamic_scaling_controller.py")).startsWith("from .progress_tracker");
            assertThat(restorer.journal().list()).hasSize(1);
            restorer.journal().undo();
            assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        }
    }

    // ---------------------------------------------------------------- damaged copies

    @Test
    void aDamagedCopyIsRefusedNamingABackupWithAGoodCopyUnlessForced() throws IOException {
        BackupFixtures.tool(root, B1, "src");
        BackupFixtures.tool(root, B2, "src");
        Path copy = root.resolve("redundancy_reduction_backups/" + B2 + "/src_backup/batch_processor/batch_manager.py");
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(copy, "class BatchManagex:\n    pass\n"); // same size, one byte flipped
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed\n");
        Map<String, String> before = TreeSnapshot.of(root);

        RestoreRequest req = request(SourceRef.backup(B2), false, false, "src/batch_processor");
        assertThatThrownBy(() -> restorer.restoreFiles(req))
                .hasMessageContaining("src/batch_processor/batch_manager.py").hasMessageContaining("damaged")
                .hasMessageContaining("backup " + B1 + " has a good copy").hasMessageContaining("--force")
                .extracting(RestorerTest::status).isEqualTo(1);
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        assertThat(restorer.journal().list()).isEmpty();

        RestoreReport dry = restorer.restoreFiles(request(SourceRef.backup(B2), false, true, "src/batch_processor"));
        assertThat(dry.problems()).extracting(RestoreReport.Problem::path, RestoreReport.Problem::goodCopy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("src/batch_processor/batch_manager.py", B1));

        restorer.restoreFiles(new RestoreRequest(List.of("src/batch_processor"), SourceRef.backup(B2), false, false, true));
        assertThat(read("src/batch_processor/batch_manager.py")).isEqualTo("class BatchManagex:\n    pass\n");
    }

    @Test
    void aCopyMissingFromTheBackupIsRefused() throws IOException {
        Path b = BackupFixtures.tool(root, B1, "src");
        Path copy = b.resolve("src_backup/batch_processor/batch_manager.py");
        Files.delete(copy);
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed\n");
        assertThatThrownBy(() -> restore("src/batch_processor/batch_manager.py"))
                .hasMessageContaining("missing").hasMessageContaining("no other backup has a good copy")
                .extracting(RestorerTest::status).isEqualTo(1);
        assertThat(read("src/batch_processor/batch_manager.py")).isEqualTo("changed\n");
    }

    // ---------------------------------------------------------------- containment and bad input

    @Test
    void pathsOutsideTheProjectAreRefusedAndNothingIsWritten() throws IOException {
        BackupFixtures.manual(root, B1, "src");
        Path outside = Files.createDirectories(elsewhere.resolve("outside"));
        Files.createSymbolicLink(root.resolve("src/escape"), outside);
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed\n");
        Map<String, String> before = TreeSnapshot.of(root);
        for (String bad : List.of("../etc/passwd", "/etc/passwd", "src/../../x.py", "src/escape/x.py", "src/escape",
                outside.resolve("x.py").toString(), "", ".", "redundancy_reduction_backups/" + B1 + "/src_backup/x.py",
                ".rollback/session.json", ".git/config")) {
            assertThatThrownBy(() -> restorer.restoreFiles(request(SourceRef.backup(B1), false, false,
                    "src/batch_processor/batch_manager.py", bad)))
                    .as(bad).isInstanceOf(RollbackException.class).extracting(RestorerTest::status).isEqualTo(2);
        }
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aBackupCopyThatIsALinkOutOfTheProjectIsRefused() throws IOException {
        Path b = BackupFixtures.tool(root, B1, "src");
        Path copy = b.resolve("src_backup/batch_processor/batch_manager.py");
        Path secret = elsewhere.resolve("secret.txt");
        Files.writeString(secret, "secret outside the project\n");
        Files.delete(copy);
        Files.createSymbolicLink(copy, secret);
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed\n");
        Map<String, String> before = TreeSnapshot.of(root);
        assertThatThrownBy(() -> restore("src/batch_processor"))
                .hasMessageContaining("symbolic link leading outside the project")
                .extracting(RestorerTest::status).isEqualTo(2);
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void aBackupFolderThatIsALinkOutOfTheProjectIsRefused() throws IOException {
        Path b = BackupFixtures.tool(root, B1, "src");
        Path outside = Files.createDirectories(elsewhere.resolve("outside"));
        TestFiles.write(outside, "batch_manager.py", "class BatchManager:\n    pass\n");
        Path pkg = b.resolve("src_backup/batch_processor");
        TestFiles.deleteContents(pkg);
        Files.delete(pkg);
        Files.createSymbolicLink(pkg, outside);
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed\n");
        assertThatThrownBy(() -> restore("src/batch_processor/batch_manager.py"))
                .extracting(RestorerTest::status).isEqualTo(2);
        assertThat(read("src/batch_processor/batch_manager.py")).isEqualTo("changed\n");
    }

    @Test
    void aLinkInTheBackupPointingOutOfTheProjectIsRefused() throws IOException {
        BackupFixtures.manual(root, B1, "src");
        Files.createSymbolicLink(root.resolve("redundancy_reduction_backups/" + B1 + "/src_backup/evil"), Path.of("/etc"));
        assertThatThrownBy(() -> restore("src"))
                .hasMessageContaining("leads outside the project").extracting(RestorerTest::status).isEqualTo(2);
        assertThat(root.resolve("src/evil")).doesNotExist();
    }

    @Test
    void aProtectedFolderThatIsALinkOutOfTheProjectIsRefusedByTheNuclearOption() throws IOException {
        BackupFixtures.manual(root, B1, "src", "tests", "data");
        Path outside = Files.createDirectories(elsewhere.resolve("outside-data"));
        TestFiles.write(outside, "precious.json", "[]\n");
        TestFiles.deleteContents(root.resolve("data"));
        Files.delete(root.resolve("data"));
        Files.createSymbolicLink(root.resolve("data"), outside);
        Map<String, String> before = TreeSnapshot.of(root);
        assertThatThrownBy(() -> restorer.restoreAll(new RestoreAllRequest(SourceRef.backup(B1), null, FOLDERS, CLEAN, false, false)))
                .hasMessageContaining("outside the project").extracting(RestorerTest::status).isEqualTo(2);
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        assertThat(outside.resolve("precious.json")).exists();
    }

    static void mkfifo(Path p) throws IOException, InterruptedException {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(mk.waitFor()).isZero();
    }

    @Test
    void aFifoInAProtectedFolderIsLeftAsItIsByRestoreAllAndItsDryRunSaysSo() throws Exception {
        BackupFixtures.manual(root, B1, "src", "tests", "data");
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "broken\n");
        mkfifo(root.resolve("src/control.fifo"));
        RestoreAllRequest dry = new RestoreAllRequest(SourceRef.backup(B1), null, FOLDERS, CLEAN, true, false);
        RestoreReport d = restorer.restoreAll(dry);
        assertThat(d.left()).extracting(Item::path).contains("src/control.fifo");
        RestoreReport r = restorer.restoreAll(new RestoreAllRequest(SourceRef.backup(B1), null, FOLDERS, CLEAN, false, false));
        assertThat(r.left()).filteredOn(i -> i.path().equals("src/control.fifo")).extracting(Item::reason)
                .singleElement().asString().contains("pipe, socket or device");
        assertThat(Files.getAttribute(root.resolve("src/control.fifo"), "unix:mode", LinkOption.NOFOLLOW_LINKS)).isNotNull();
        assertThat(read("src/batch_processor/batch_manager.py")).isNotEqualTo("broken\n");
        restorer.journal().undo();
        assertThat(read("src/batch_processor/batch_manager.py")).isEqualTo("broken\n");
    }

    @Test
    void aFifoWhereTheBackupHasAFileIsRefusedByTheDryRunToo() throws Exception {
        BackupFixtures.manual(root, B1, "src", "tests", "data");
        Files.delete(root.resolve("src/batch_processor/batch_manager.py"));
        mkfifo(root.resolve("src/batch_processor/batch_manager.py"));
        Map<String, String> before = TreeSnapshot.of(root);
        for (boolean dryRun : List.of(true, false)) {
            assertThatThrownBy(() -> restorer.restoreAll(new RestoreAllRequest(SourceRef.backup(B1), null, FOLDERS, CLEAN, dryRun, false)))
                    .hasMessageContaining("src/batch_processor/batch_manager.py").hasMessageContaining("pipe, socket or device")
                    .extracting(RestorerTest::status).isEqualTo(2);
        }
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void aLinkOutOfTheProjectThatTheProjectStillHasDoesNotBlockRestoreAll() throws IOException {
        Files.createSymbolicLink(root.resolve("src/hosts"), Path.of("/etc/hosts"));
        BackupFixtures.manual(root, B1, "src", "tests", "data");
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "broken\n");
        RestoreReport r = restorer.restoreAll(new RestoreAllRequest(SourceRef.backup(B1), null, FOLDERS, CLEAN, false, false));
        assertThat(read("src/batch_processor/batch_manager.py")).isNotEqualTo("broken\n");
        assertThat(Files.readSymbolicLink(root.resolve("src/hosts"))).isEqualTo(Path.of("/etc/hosts"));
        assertThat(r.left()).extracting(Item::path).contains("src/hosts");
    }

    @Test
    void aPathThroughALinkInsideTheProjectIsRefusedNotReplaced() throws IOException {
        BackupFixtures.manual(root, B1, "src");
        Files.move(root.resolve("src/ai_analysis"), root.resolve("shared_ai"));
        Files.createSymbolicLink(root.resolve("src/ai_analysis"), Path.of("../shared_ai"));
        TestFiles.write(root, "shared_ai/notes_manager.py", "changed\n");
        Map<String, String> before = TreeSnapshot.of(root);
        assertThatThrownBy(() -> restore("src/ai_analysis/notes_manager.py"))
                .hasMessageContaining("runs through the symbolic link src/ai_analysis")
                .extracting(RestorerTest::status).isEqualTo(2);
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        // asked for by name, the link itself is replaced by the backup's folder (and undo brings the link back)
        restore("src/ai_analysis");
        assertThat(Files.isSymbolicLink(root.resolve("src/ai_analysis"))).isFalse();
        assertThat(read("shared_ai/notes_manager.py")).isEqualTo("changed\n");
        restorer.journal().undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
    }

    @Test
    void unknownBackupsRefsAndPathsAreBadInputWithTheNearestNames() throws IOException {
        BackupFixtures.manual(root, B1, "src");
        assertThatThrownBy(() -> restorer.restoreFiles(request(SourceRef.backup("20260101_120001"), false, false, "src")))
                .hasMessageContaining("no backup 20260101_120001").hasMessageContaining("did you mean " + B1)
                .extracting(RestorerTest::status).isEqualTo(2);
        assertThatThrownBy(() -> restore("src/batch_processor/progress_trackr.py"))
                .hasMessageContaining("has no src/batch_processor/progress_trackr.py")
                .hasMessageContaining("did you mean src/batch_processor/progress_tracker.py")
                .extracting(RestorerTest::status).isEqualTo(2);
        assertThatThrownBy(() -> restore("tests/test_scaling.py"))
                .hasMessageContaining("has no copy of the folder tests").extracting(RestorerTest::status).isEqualTo(2);
        assertThatThrownBy(() -> restorer.restoreFiles(request(SourceRef.git("HEAD"), false, false, "src")))
                .hasMessageContaining("not in a git repository").extracting(RestorerTest::status).isEqualTo(2);
    }

    @Test
    void withoutAnyBackupTheMessageSaysHowToMakeOne() {
        assertThatThrownBy(() -> restore("src"))
                .hasMessageContaining("backup create").extracting(RestorerTest::status).isEqualTo(2);
    }

    // ---------------------------------------------------------------- from git

    @Test
    void perFileFromHeadTildeOneAsTheRunbookDoesWithoutTouchingHeadOrIndex() throws Exception {
        {
            GitCli git = GitCli.init(root);
            git.commitAll("before the refactoring");
            String original = read("src/batch_processor/dynamic_scaling_controller.py");
            TestFiles.write(root, "src/batch_processor/dynamic_scaling_controller.py", "from .scaling import X\n");
            TestFiles.write(root, "src/iterative_refinement_system.py", "import changed\n");
            git.commitAll("phase 1 consolidation");
            TestFiles.write(root, "src/batch_processor/dynamic_scaling_controller.py", "uncommitted edit\n");
            byte[] index = Files.readAllBytes(root.resolve(".git/index"));
            String head = git.head();
            Map<String, String> before = TreeSnapshot.of(root);

            RestoreReport r = restorer.restoreFiles(request(SourceRef.git("HEAD~1"), false, false,
                    "src/batch_processor/dynamic_scaling_controller.py"));
            assertThat(read("src/batch_processor/dynamic_scaling_controller.py")).isEqualTo(original);
            assertThat(read("src/iterative_refinement_system.py")).isEqualTo("import changed\n");
            assertThat(r.source().kind()).isEqualTo("git");
            assertThat(r.source().ref()).isEqualTo("HEAD~1");
            assertThat(Files.readAllBytes(root.resolve(".git/index"))).isEqualTo(index);
            assertThat(git.head()).isEqualTo(head);
            assertThat(git.run("symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/main");

            restorer.journal().undo();
            assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        }
    }

    @Test
    void theNuclearOptionFromTheSafetyBranchLeavesIgnoredFiles() throws Exception {
        {
            GitCli git = GitCli.init(root);
            TestFiles.write(root, ".gitignore", "*.log\n");
            git.commitAll("base");
            git.run("branch", "redundancy_reduction_phase_1_backup");
            Map<String, String> safe = TreeSnapshot.contentOf(root);
            TestFiles.write(root, "src/batch_processor/batch_manager.py", "phase 1 broke it\n");
            Files.delete(root.resolve("src/batch_processor/progress_tracker.py"));
            TestFiles.write(root, "src/batch_processor/consolidated.py", "new\n");
            TestFiles.write(root, "data/logs/system.log", "ignored by git: must stay\n");
            Files.setPosixFilePermissions(root.resolve("src/iterative_refinement_system.py"),
                    PosixFilePermissions.fromString("rwxr-xr-x"));
            git.commitAll("phase 1");
            Map<String, String> before = TreeSnapshot.of(root);

            RestoreReport r = restorer.restoreAll(new RestoreAllRequest(SourceRef.git("redundancy_reduction_phase_1_backup"),
                    null, FOLDERS, CLEAN, false, false));
            assertThat(r.left()).extracting(Item::path, Item::reason)
                    .contains(org.assertj.core.groups.Tuple.tuple("data/logs/system.log", "ignored by git"));
            Map<String, String> now = TreeSnapshot.contentOf(root);
            assertThat(now.remove("data/logs/system.log")).isNotNull();
            now.remove("data/logs");
            assertThat(now).isEqualTo(safe);
            assertThat(git.run("symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/main");

            restorer.journal().undo();
            assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        }
    }

    @Test
    void anUnknownRefIsRefusedWithTheNearestBranch() throws Exception {
        {
            GitCli git = GitCli.init(root);
            git.commitAll("base");
            git.run("branch", "redundancy_reduction_phase_1_backup");
            assertThatThrownBy(() -> restorer.restoreFiles(request(SourceRef.git("redundancy_reduction_phase_2_backup"),
                    false, false, "src")))
                    .hasMessageContaining("no git ref redundancy_reduction_phase_2_backup")
                    .hasMessageContaining("did you mean redundancy_reduction_phase_1_backup")
                    .extracting(RestorerTest::status).isEqualTo(2);
            assertThatThrownBy(() -> restorer.restoreFiles(request(SourceRef.git("HEAD~5"), false, false, "src")))
                    .hasMessageContaining("no git ref HEAD~5").extracting(RestorerTest::status).isEqualTo(2);
            assertThatThrownBy(() -> restorer.restoreFiles(request(SourceRef.git("HEAD"), false, false, "src/nope.py")))
                    .hasMessageContaining("has no src/nope.py").extracting(RestorerTest::status).isEqualTo(2);
        }
    }

    // ---------------------------------------------------------------- dry run, completion, clean

    @Test
    void aDryRunSaysExactlyWhatWouldHappenAndChangesNothing() throws IOException {
        BackupFixtures.manual(root, B1, "src");
        TestFiles.write(root, "src/batch_processor/batch_manager.py", "changed!\n");
        Files.delete(root.resolve("src/batch_processor/progress_tracker.py"));
        TestFiles.write(root, "src/batch_processor/added.py", "added\n");
        Map<String, String> before = TreeSnapshot.of(root);
        RestoreReport r = restorer.restoreFiles(request(SourceRef.backup(B1), true, true, "src/batch_processor"));
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        assertThat(restorer.journal().list()).isEmpty();
        assertThat(r.written()).extracting(Item::path, Item::size).containsExactly(
                org.assertj.core.groups.Tuple.tuple("src/batch_processor/batch_manager.py", 29L),
                org.assertj.core.groups.Tuple.tuple("src/batch_processor/progress_tracker.py", 32L));
        assertThat(r.removed()).extracting(Item::path, Item::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("src/batch_processor/added.py", 6L));
        assertThat(r.left()).extracting(Item::path, Item::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("src/batch_processor/dynamic_scaling_controller.py", "unchanged"));
        assertThat(r.journal()).isNull();
    }

    @Test
    void completionOffersWhatTheSourceHoldsIncludingDeletedFiles() throws Exception {
        BackupFixtures.manual(root, B1, "src", "tests");
        Files.delete(root.resolve("src/batch_processor/progress_tracker.py"));
        List<SourcePaths.Choice> c = choices(SourceRef.selected(null), "src/batch_processor/");
        assertThat(c).extracting(SourcePaths.Choice::path).containsExactly("src/batch_processor/batch_manager.py",
                "src/batch_processor/dynamic_scaling_controller.py", "src/batch_processor/progress_tracker.py");
        assertThat(c).filteredOn(p -> !p.inProject()).extracting(SourcePaths.Choice::path)
                .containsExactly("src/batch_processor/progress_tracker.py");
        assertThat(choices(SourceRef.selected(null), "")).extracting(SourcePaths.Choice::path, SourcePaths.Choice::folder)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("src", true), org.assertj.core.groups.Tuple.tuple("tests", true));
        assertThat(choices(SourceRef.selected(null), "src/b")).extracting(SourcePaths.Choice::path)
                .containsExactly("src/batch_processor");
        {
            GitCli git = GitCli.init(root);
            git.commitAll("base");
            assertThat(choices(SourceRef.git("HEAD"), "src/ai")).extracting(SourcePaths.Choice::path)
                    .containsExactly("src/ai_analysis");
        }
    }

    private List<SourcePaths.Choice> choices(SourceRef ref, String typed) {
        try (Source s = restorer.open(ref)) {
            return SourcePaths.under(project, s, typed);
        }
    }


    @Test
    void cleanRemovesGeneratedFilesInsideProtectedFoldersOnlyAndCanBeUndone() throws IOException {
        TestFiles.write(root, "src/__pycache__/a.cpython-311.pyc", "x");
        TestFiles.write(root, "src/batch_processor/__pycache__/b.cpython-311.pyc", "yy");
        TestFiles.write(root, "tests/old.pyc", "zzz");
        TestFiles.write(root, "venv/lib/site.pyc", "outside the protected folders");
        Map<String, String> before = TreeSnapshot.of(root);
        Cleaner cleaner = new Cleaner(project, restorer.journal());
        Cleaner.CleanReport dry = cleaner.clean(FOLDERS, CLEAN, true);
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        assertThat(dry.files()).isEqualTo(3);
        assertThat(dry.bytes()).isEqualTo(6);
        Cleaner.CleanReport r = cleaner.clean(FOLDERS, CLEAN, false);
        assertThat(r.removed()).extracting(Item::path).containsExactly("src/__pycache__",
                "src/batch_processor/__pycache__", "tests/old.pyc");
        assertThat(root.resolve("src/__pycache__")).doesNotExist();
        assertThat(root.resolve("venv/lib/site.pyc")).exists();
        assertThat(restorer.journal().list()).extracting(JournalEntry::kind).containsExactly("clean");
        assertThat(cleaner.clean(FOLDERS, CLEAN, false).journal()).isNull(); // nothing left to clean
        restorer.journal().undo();
        assertThat(TreeSnapshot.of(root)).isEqualTo(before);
        assertThat(Files.exists(root.resolve("src"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
