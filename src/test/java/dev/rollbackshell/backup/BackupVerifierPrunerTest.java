package dev.rollbackshell.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.project.Project;
import dev.rollbackshell.session.SessionStore;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify, prune, the catalog and status on real folders. */
class BackupVerifierPrunerTest {

    static final List<String> FOLDERS = List.of("src", "tests", "data");
    /** Older than the fixed clocks below, so size+time can be trusted. */
    static final FileTime OLD = FileTime.from(Instant.parse("2024-06-01T00:00:00Z"));

    @TempDir
    Path dir;
    Project project;
    BackupStore store;
    SessionStore session;
    int second;

    @BeforeEach
    void fixture() throws IOException {
        project = Project.at(dir);
        store = new BackupStore(project);
        session = new SessionStore(project);
        TestFiles.write(dir, "src/app.py", "print('hello')\n");
        TestFiles.write(dir, "src/big.bin", "x".repeat(10_000));
        TestFiles.write(dir, "tests/test_app.py", "def test(): pass\n");
        for (String f : List.of("src/app.py", "src/big.bin", "tests/test_app.py")) {
            Files.setLastModifiedTime(dir.resolve(f), OLD);
        }
    }

    /** A backup at a given minute, so ids are distinct and ordered. */
    Backup backup(int minute) {
        Clock at = Clock.fixed(Instant.parse("2025-01-01T10:00:00Z").plus(minute, ChronoUnit.MINUTES), ZoneId.of("UTC"));
        return new BackupService(project, store, w -> {
        }, at).create(FOLDERS, 1, null, true, null).backup();
    }

    @Test
    void oneUnreadableBackupFolderIsListedAsIncompleteInsteadOfBlockingEveryCommand() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "skipped: root reads a folder without read permission, so it cannot be made unreadable here");
        Backup old = backup(1);
        Backup good = backup(2);
        java.nio.file.attribute.PosixFileAttributeView v = Files.getFileAttributeView(old.dir(),
                java.nio.file.attribute.PosixFileAttributeView.class);
        Set<java.nio.file.attribute.PosixFilePermission> was = v.readAttributes().permissions();
        v.setPermissions(Set.of());
        try {
            List<Backup> all = store.list();
            assertThat(all).extracting(Backup::id).containsExactly(old.id(), good.id());
            assertThat(all.get(0).complete()).isFalse();
        } finally {
            v.setPermissions(was);
        }
    }

    @Test
    void aFreshBackupVerifiesClean() {
        Backup b = backup(0);
        BackupVerifier.Report r = new BackupVerifier(store).verify(List.of(b));
        assertThat(r.ok()).isTrue();
        assertThat(r.checked()).isEqualTo(3);
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void aSampleReadsOnlyItsShareNamesItAndStillSeesMissingFiles() throws IOException {
        for (int i = 0; i < 40; i++) {
            TestFiles.write(dir, "src/many/f" + i + ".py", "v = " + i + "\n");
        }
        Backup b = backup(0);
        for (int i = 0; i < 40; i++) { // every copy tampered with, same size: only a read can tell
            Path copy = b.dir().resolve("src_backup/many/f" + i + ".py");
            copy.toFile().setWritable(true);
            Files.writeString(copy, "w = " + i + "\n");
        }
        Files.delete(b.dir().resolve("tests_backup/test_app.py"));

        BackupVerifier.Report r = new BackupVerifier(store).sample(10, new java.util.Random(1)).verify(List.of(b));
        assertThat(r.samplePercent()).isEqualTo(10.0);
        assertThat(r.checked()).isEqualTo(43); // every entry is looked at
        assertThat(r.read()).hasSize(4).allMatch(p -> p.startsWith(b.id() + "/")).isSorted(); // 10% of 42 with content
        // the files read and found modified are exactly the tampered ones among those read
        List<String> modified = r.problems().stream().filter(p -> p.problem().equals("modified"))
                .map(p -> b.id() + "/" + p.path()).toList();
        assertThat(modified).isSubsetOf(r.read());
        assertThat(r.read()).filteredOn(p -> p.contains("/many/")).containsExactlyInAnyOrderElementsOf(modified);
        // presence is checked for every file, read or not
        assertThat(r.problems()).anyMatch(p -> p.path().equals("tests/test_app.py") && p.problem().equals("missing"));

        BackupVerifier.Report all = new BackupVerifier(store).verify(List.of(b));
        assertThat(all.read()).isNull();
        assertThat(all.samplePercent()).isNull();
        assertThat(all.problems()).filteredOn(p -> p.problem().equals("modified")).hasSize(40);
    }

    @Test
    void aSampleLooksForEveryNameByFolderListingsAndReadsOnlyItsShare() throws IOException {
        for (int i = 0; i < 30; i++) {
            TestFiles.write(dir, "src/pkg/sub/f" + i + ".py", "v = " + i + "\n");
        }
        Backup b = backup(0);
        Path src = b.dir().resolve("src_backup");
        src.resolve("pkg/sub").toFile().setWritable(true);
        Files.delete(src.resolve("pkg/sub/f7.py"));
        Files.writeString(src.resolve("pkg/sub/stray.py"), "added\n");
        Files.createDirectories(src.resolve("pkg/new/deeper"));
        Files.writeString(src.resolve("pkg/new/deeper/x.py"), "x\n");
        Path tests = b.dir().resolve("tests_backup");
        tests.toFile().setWritable(true);
        Files.delete(tests.resolve("test_app.py"));
        Files.delete(tests);

        BackupVerifier.Report r = new BackupVerifier(store).sample(5, new java.util.Random(3)).verify(List.of(b));
        assertThat(r.ok()).isFalse();
        assertThat(r.checked()).isEqualTo(33);
        assertThat(r.problems()).extracting(p -> p.problem() + " " + p.path()).containsExactlyInAnyOrder(
                "missing src/pkg/sub/f7.py", "extra src/pkg/sub/stray.py", "extra src/pkg/new",
                "missing tests/test_app.py");
        // 5% of 32 files with content, never one that is gone
        assertThat(r.read()).hasSize(2).noneMatch(p -> p.endsWith("/f7.py") || p.endsWith("test_app.py"));

        // the full run names the extra folder's file, and finds what a sample does not read
        BackupVerifier.Report all = new BackupVerifier(store).verify(List.of(b));
        assertThat(all.problems()).extracting(p -> p.problem() + " " + p.path())
                .contains("missing src/pkg/sub/f7.py", "extra src/pkg/sub/stray.py", "extra src/pkg/new/deeper/x.py");
    }

    @Test
    void aFullRunFindsWhatTheManifestDoesNotKnowInEveryListedFolderEvenAnEmptyOne() throws IOException {
        Files.createDirectories(dir.resolve("data")); // backed up with nothing in it: no entry below it
        TestFiles.write(dir, "src/pkg/mod.py", "m = 1\n");
        Files.setLastModifiedTime(dir.resolve("src/pkg/mod.py"), OLD);
        Backup b = backup(0);
        Path src = b.dir().resolve("src_backup");
        for (Path d : List.of(src, src.resolve("pkg"), b.dir().resolve("data_backup"))) {
            d.toFile().setWritable(true);
        }
        Files.writeString(b.dir().resolve("data_backup/stray.json"), "{}");
        Files.createDirectory(src.resolve("empty"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("pkg")); // to a folder: not followed
        Files.createDirectories(src.resolve("new/a"));
        Files.writeString(src.resolve("new/a/x.py"), "x\n");
        Files.writeString(src.resolve("new/y.py"), "y\n");
        Files.delete(src.resolve("pkg/mod.py"));
        Files.createDirectory(src.resolve("pkg/mod.py")); // a file become a folder: modified, its inside not walked

        BackupVerifier.Report r = new BackupVerifier(store).verify(List.of(b));
        assertThat(r.problems()).extracting(p -> p.problem() + " " + p.path()).containsExactly(
                "extra data/stray.json", "extra src/empty", "extra src/link", "extra src/new/a/x.py",
                "extra src/new/y.py", "modified src/pkg/mod.py");
        // a sample names the extra folder once
        BackupVerifier.Report s = new BackupVerifier(store).sample(50, new java.util.Random(1)).verify(List.of(b));
        assertThat(s.problems()).extracting(p -> p.problem() + " " + p.path())
                .contains("extra data/stray.json", "extra src/empty", "extra src/link", "extra src/new")
                .noneMatch(p -> p.startsWith("extra src/new/"));
    }

    @Test
    void aSampleOfNothingOrMoreThanAllIsRefused() {
        for (double bad : new double[] {0, -5, 100.5, Double.NaN}) {
            assertThatThrownBy(() -> new BackupVerifier(store).sample(bad, new java.util.Random()))
                    .hasMessageContaining("--sample");
        }
        Backup b = backup(0);
        assertThat(new BackupVerifier(store).sample(100, new java.util.Random()).verify(List.of(b)).read()).hasSize(3);
    }

    @Test
    void detectsModifiedMissingExtraAndDamagedCopies() throws IOException {
        Backup b = backup(0);
        Path copy = b.dir().resolve("src_backup/app.py");
        copy.toFile().setWritable(true); // backup files are read-only: tampering needs this first
        Files.writeString(copy, "print('HELLO')\n"); // same size, other content
        Files.delete(b.dir().resolve("tests_backup/test_app.py"));
        TestFiles.write(b.dir(), "src_backup/sneaked.py", "x");

        BackupVerifier.Report r = new BackupVerifier(store).verify(List.of(b));
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(BackupVerifier.Problem::path, BackupVerifier.Problem::problem)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("src/app.py", "modified"),
                        org.assertj.core.groups.Tuple.tuple("src/sneaked.py", "extra"),
                        org.assertj.core.groups.Tuple.tuple("tests/test_app.py", "missing"));

        Files.writeString(b.manifestFile(), "{ broken");
        Backup damaged = store.find(b.id()).orElseThrow();
        assertThat(damaged.complete()).isFalse();
        BackupVerifier.Report d = new BackupVerifier(store).verify(List.of(damaged));
        assertThat(d.problems()).singleElement().extracting(BackupVerifier.Problem::problem).isEqualTo("damaged");
    }

    @Test
    void aSharedHardLinkedFileTamperedWithShowsInEveryBackupThatHoldsIt() throws IOException {
        Backup a = backup(0);
        Backup b = backup(1);
        assertThat(Files.getAttribute(a.dir().resolve("src_backup/big.bin"), "unix:ino"))
                .isEqualTo(Files.getAttribute(b.dir().resolve("src_backup/big.bin"), "unix:ino"));
        Path copy = b.dir().resolve("src_backup/big.bin");
        copy.toFile().setWritable(true);
        Files.writeString(copy, "y".repeat(10_000));
        BackupVerifier.Report r = new BackupVerifier(store).verify(store.list());
        assertThat(r.problems()).extracting(BackupVerifier.Problem::backup).containsExactly(a.id(), b.id());
    }

    @Test
    void aHandMadeBackupIsHashedOnFirstUseThenCheckedAgainstThoseHashes() throws IOException {
        Path manual = dir.resolve("redundancy_reduction_backups/20240101_120000");
        TestFiles.write(manual, "src_backup/app.py", "print('old')\n");
        Backup m = store.find("20240101_120000").orElseThrow();
        BackupVerifier.Report first = new BackupVerifier(store).verify(List.of(m));
        assertThat(first.ok()).isTrue();
        assertThat(first.hashedNow()).containsExactly("20240101_120000");

        Files.writeString(manual.resolve("src_backup/app.py"), "print('new')\n");
        BackupVerifier.Report second = new BackupVerifier(store).verify(List.of(m));
        assertThat(second.hashedNow()).isEmpty();
        assertThat(second.problems()).singleElement().extracting(BackupVerifier.Problem::problem).isEqualTo("modified");
    }

    @Test
    void pruneKeepsTheNewestTheSelectedAndTheNewestCompleteAndCountsOnlyUnsharedBytes() throws IOException {
        Backup b0 = backup(0);
        Backup b1 = backup(1);
        TestFiles.write(dir, "src/app.py", "print('changed, longer')\n");
        Files.setLastModifiedTime(dir.resolve("src/app.py"), OLD);
        Backup b2 = backup(2);
        Backup b3 = backup(3);
        Files.writeString(b3.manifestFile(), "{ damaged"); // the newest is not complete
        BackupPruner pruner = new BackupPruner(store);

        BackupPruner.Plan plan = pruner.plan(1, b0.id());
        assertThat(plan.keep()).containsOnlyKeys(b0.id(), b2.id(), b3.id());
        assertThat(plan.keep().get(b2.id())).contains("newest complete");
        assertThat(plan.keep().get(b0.id())).contains("selected");
        assertThat(plan.delete()).extracting(Backup::id).containsExactly(b1.id());
        // b1 shares every copy with b0 (kept) except nothing new: only its manifest is freed
        long manifestSize = Files.size(b1.manifestFile());
        assertThat(plan.freedBytes()).isEqualTo(manifestSize);
        assertThat(plan.totalBytes()).isGreaterThan(10_000);

        assertThat(pruner.execute(plan)).containsExactly(b1.id());
        assertThat(store.list()).extracting(Backup::id).containsExactly(b0.id(), b2.id(), b3.id());
        assertThat(Files.readString(b0.dir().resolve("src_backup/big.bin"))).hasSize(10_000); // shared file intact
        assertThat(new BackupVerifier(store).verify(List.of(b0, store.find(b2.id()).orElseThrow())).ok()).isTrue();
        try (var s = Files.list(project.backupRoot())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
        assertThatThrownBy(() -> pruner.plan(0, null)).hasMessageContaining("--keep must be 1 or more");
    }

    @Test
    void pruneFreesTheBytesNoKeptBackupShares() throws IOException {
        backup(0);
        TestFiles.write(dir, "src/big.bin", "z".repeat(20_000));
        Files.setLastModifiedTime(dir.resolve("src/big.bin"), OLD);
        backup(1);
        BackupPruner.Plan plan = new BackupPruner(store).plan(1, null);
        Backup old = plan.delete().get(0);
        // app.py and the tests are shared with the kept backup; big.bin's old content is not
        assertThat(plan.freedBytes()).isEqualTo(10_000 + Files.size(old.manifestFile()));
    }

    @Test
    void catalogAndStatusDescribeBackupsAndChanges() throws IOException {
        Backup b = backup(0);
        List<BackupSummary> rows = new BackupCatalog(store).summaries(b.id());
        assertThat(rows).singleElement().satisfies(s -> {
            assertThat(s.selected()).isTrue();
            assertThat(s.files()).isEqualTo(3);
            assertThat(s.bytes()).isEqualTo(15 + 10_000 + 17);
            assertThat(s.madeBy()).isEqualTo("tool");
        });

        Files.delete(dir.resolve("src/app.py"));
        TestFiles.write(dir, "src/new.py", "n");
        TestFiles.write(dir, "tests/test_app.py", "def test(): assert False\n");
        TestFiles.write(dir, "data/x.json", "[]");
        StatusReport s = StatusReport.of(project, store, "plan", null, FOLDERS, null);
        assertThat(s.selectedBackup()).isEqualTo(b.id());
        assertThat(s.selectedExplicitly()).isFalse();
        assertThat(s.changed().added()).containsExactly("data/x.json", "src/new.py");
        assertThat(s.changed().modified()).containsExactly("tests/test_app.py");
        assertThat(s.changed().deleted()).containsExactly("src/app.py");

        StatusReport gone = StatusReport.of(project, store, "plan", "20990101_000000", FOLDERS, null);
        assertThat(gone.note()).contains("no longer exists");
    }
}
