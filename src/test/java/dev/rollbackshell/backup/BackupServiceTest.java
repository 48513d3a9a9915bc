package dev.rollbackshell.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rollbackshell.json.Json;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.session.SessionStore;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupServiceTest {

    static final List<String> FOLDERS = List.of("src", "tests", "data");
    static final FileTime OLD = FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS));

    @TempDir
    Path tmp;
    Path dir;
    Path outside;

    Project project;
    BackupStore store;
    SessionStore session;
    List<String> warnings = new ArrayList<>();

    @BeforeEach
    void fixture() throws IOException {
        dir = Files.createDirectories(tmp.resolve("project"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        project = Project.at(dir);
        store = new BackupStore(project);
        session = new SessionStore(project);
        write("src/app.py", "print('hello')\n");
        write("src/pkg/util.py", "def f():\n    return 1\n");
        write("src/with space/ünïcode ファイル.py", "x = 'ü'\n");
        write("tests/test_app.py", "def test(): pass\n");
        Files.createDirectories(dir.resolve("src/empty/inner"));
        Path script = write("src/run.sh", "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(outside.resolve("secret.txt"), "outside the project");
        Files.createSymbolicLink(dir.resolve("src/link-out"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(dir.resolve("src/dir-link"), outside);
        ageAll();
    }

    BackupService service() {
        return new BackupService(project, store, warnings::add);
    }

    BackupResult create() {
        return service().create(FOLDERS, 1, null, true, null);
    }

    @Test
    void copiesTheRunbookLayoutWithAManifestAndSkipsMissingFolders() throws IOException {
        BackupResult r = create();

        Path b = project.backupRoot().resolve(r.backup().id());
        assertThat(r.backup().id()).matches("\\d{8}_\\d{6}");
        assertThat(r.skipped()).containsExactly("data: does not exist");
        assertThat(r.manifest().skipped()).containsExactly("data");
        assertThat(r.manifest().folders()).containsExactly("src", "tests");
        assertThat(TestFiles.read(b, "src_backup/app.py")).isEqualTo("print('hello')\n");
        assertThat(TestFiles.read(b, "src_backup/with space/ünïcode ファイル.py")).isEqualTo("x = 'ü'\n");
        assertThat(TestFiles.read(b, "tests_backup/test_app.py")).isEqualTo("def test(): pass\n");
        assertThat(b.resolve("data_backup")).doesNotExist();
        assertThat(b.resolve("src_backup/empty/inner")).isDirectory();

        // links are recreated as links, never followed: nothing from outside is copied
        assertThat(Files.isSymbolicLink(b.resolve("src_backup/link-out"))).isTrue();
        assertThat(Files.readSymbolicLink(b.resolve("src_backup/link-out"))).isEqualTo(outside.resolve("secret.txt"));
        assertThat(Files.isSymbolicLink(b.resolve("src_backup/dir-link"))).isTrue();

        var byPath = r.manifest().byPath();
        assertThat(byPath.get("src/link-out").type()).isEqualTo("link");
        assertThat(byPath.get("src/link-out").link()).isEqualTo(outside.resolve("secret.txt").toString());
        assertThat(byPath.get("src/empty/inner").type()).isEqualTo("dir");
        assertThat(byPath).doesNotContainKey("src/empty").doesNotContainKey("src");
        ManifestEntry app = byPath.get("src/app.py");
        assertThat(app.sha256()).isEqualTo(Hashing.sha256(dir.resolve("src/app.py")));
        assertThat(app.size()).isEqualTo(15);
        assertThat(app.mtime()).isEqualTo(OLD.toMillis());
        assertThat(byPath.get("src/run.sh").mode()).isEqualTo("rwxr-x---");

        // copies keep time and mode, minus the write bits
        Path copy = b.resolve("src_backup/run.sh");
        assertThat(Files.getPosixFilePermissions(copy)).isEqualTo(PosixFilePermissions.fromString("r-xr-x---"));
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(OLD);
        assertThat(Files.getPosixFilePermissions(b.resolve("src_backup/app.py")))
                .doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.OTHERS_WRITE);

        // what the manifest file holds on disk is what we read back (link targets survive JSON)
        Manifest onDisk = Json.read(b.resolve("manifest.json"), Manifest.class);
        assertThat(onDisk.byPath().get("src/link-out").link()).isEqualTo(outside.resolve("secret.txt").toString());
        assertThat(onDisk.newBytes()).isEqualTo(onDisk.bytes()).isPositive();
        assertThat(Files.readString(b.resolve("manifest.json"))).doesNotContain("\"dir\" :", "\"file\" :");

        // the manifest agrees with a fresh scan of the project (what status compares with)
        assertThat(ChangeDetector.compare(project, onDisk, List.of("src", "tests")).isEmpty()).isTrue();

        assertThat(store.list()).extracting(Backup::id).containsExactly(r.backup().id());
        assertThat(r.git().whyNot()).contains("--no-git");
        assertThat(r.baseline()).contains("--no-baseline");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void unchangedFilesAreHardLinkedToThePreviousBackupAndChangedOnesCopied() throws IOException {
        BackupResult first = create();
        Path changed = write("src/app.py", "print('changed!')\n");
        Files.setLastModifiedTime(changed, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        BackupResult second = create();

        Path a = project.backupRoot().resolve(first.backup().id());
        Path b = project.backupRoot().resolve(second.backup().id());
        assertThat(inode(b.resolve("src_backup/pkg/util.py"))).isEqualTo(inode(a.resolve("src_backup/pkg/util.py")));
        assertThat(inode(b.resolve("tests_backup/test_app.py"))).isEqualTo(inode(a.resolve("tests_backup/test_app.py")));
        assertThat(inode(b.resolve("src_backup/app.py"))).isNotEqualTo(inode(a.resolve("src_backup/app.py")));
        assertThat(TestFiles.read(b, "src_backup/app.py")).isEqualTo("print('changed!')\n");
        assertThat(TestFiles.read(a, "src_backup/app.py")).isEqualTo("print('hello')\n");

        assertThat(second.linkedTo()).isEqualTo(first.backup().id());
        assertThat(second.copied()).isEqualTo(1);
        assertThat(second.linked()).isEqualTo(first.copied() - 1);
        assertThat(second.manifest().newBytes()).isEqualTo("print('changed!')\n".length());
        assertThat(second.manifest().byPath().get("src/pkg/util.py").sha256())
                .isEqualTo(first.manifest().byPath().get("src/pkg/util.py").sha256());
    }

    @Test
    void aFileTouchedTooCloseToTheLastBackupIsCopiedNotTrusted() throws IOException {
        write("src/fresh.py", "new\n"); // mtime now: too close to the backup to trust size+time
        BackupResult first = create();
        BackupResult second = create();
        Path a = project.backupRoot().resolve(first.backup().id());
        Path b = project.backupRoot().resolve(second.backup().id());
        assertThat(inode(b.resolve("src_backup/fresh.py"))).isNotEqualTo(inode(a.resolve("src_backup/fresh.py")));
        assertThat(inode(b.resolve("src_backup/app.py"))).isEqualTo(inode(a.resolve("src_backup/app.py")));
    }

    @Test
    void aChangedModeOrATamperedPreviousCopyIsCopiedNotLinked() throws IOException {
        BackupResult first = create();
        Path a = project.backupRoot().resolve(first.backup().id());
        Files.setPosixFilePermissions(dir.resolve("src/app.py"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path old = a.resolve("src_backup/pkg/util.py");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(5, ChronoUnit.MINUTES)));

        BackupResult second = create();
        Path b = project.backupRoot().resolve(second.backup().id());
        assertThat(inode(b.resolve("src_backup/app.py"))).isNotEqualTo(inode(a.resolve("src_backup/app.py")));
        assertThat(Files.getPosixFilePermissions(b.resolve("src_backup/app.py")))
                .isEqualTo(PosixFilePermissions.fromString("r-xr-xr-x"));
        assertThat(inode(b.resolve("src_backup/pkg/util.py"))).isNotEqualTo(inode(old));
        assertThat(second.copied()).isEqualTo(2);
    }

    @Test
    void aPreviousBackupMissingAFolderOrACopyIsNoObstacle() throws IOException {
        BackupResult first = create();
        Path a = project.backupRoot().resolve(first.backup().id());
        TestFiles.deleteContents(a.resolve("tests_backup"));
        Files.delete(a.resolve("tests_backup"));
        a.resolve("src_backup/app.py").toFile().setWritable(true);
        Files.delete(a.resolve("src_backup/app.py"));
        BackupResult second = create();
        Path b = project.backupRoot().resolve(second.backup().id());
        assertThat(TestFiles.read(b, "tests_backup/test_app.py")).isEqualTo("def test(): pass\n");
        assertThat(TestFiles.read(b, "src_backup/app.py")).isEqualTo("print('hello')\n");
        assertThat(second.copied()).isEqualTo(2);
        assertThat(new BackupVerifier(store).verify(List.of(second.backup())).ok()).isTrue();
    }

    @Test
    void aBackupInterruptedHalfWayIsNotListedAndLeavesNothingBehind() throws IOException {
        BackupResult good = create();
        BackupService failing = service();
        AtomicInteger seen = new AtomicInteger();
        failing.beforeEachFile = p -> {
            if (seen.incrementAndGet() == 3) {
                throw new IllegalStateException("disk unplugged");
            }
        };
        assertThatThrownBy(() -> failing.create(FOLDERS, 2, null, true, null)).hasMessageContaining("disk unplugged");

        assertThat(store.list()).extracting(Backup::id).containsExactly(good.backup().id());
        assertThat(leftovers()).isEmpty();
        try (Stream<Path> s = Files.list(project.backupRoot())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly(good.backup().id());
        }
    }

    @Test
    void anUnreadableFileOrFolderIsLeftOutWithItsReasonAndTheRestIsBackedUp() throws IOException {
        Path secret = write("src/private.key", "k");
        Path closed = write("src/closed/inside.py", "x = 1\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(closed.getParent(), PosixFilePermissions.fromString("---------"));
        BackupService s = service();
        boolean root = Files.isReadable(secret);
        if (root) { // root reads everything: the file system's refusal is played by the test hook
            s.beforeEachFile = p -> {
                if (p.equals("src/private.key")) {
                    throw new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException(p));
                }
            };
        }
        try {
            BackupResult r = s.create(FOLDERS, 1, null, true, null);
            Manifest m = store.manifest(r.backup());
            assertThat(m.notCopied()).anyMatch(n -> n.startsWith("src/private.key: cannot be read (permission denied)"));
            if (!root) {
                assertThat(m.notCopied()).anyMatch(n -> n.startsWith("src/closed: a folder that cannot be read"));
            }
            assertThat(m.byPath()).containsKey("src/app.py").doesNotContainKey("src/private.key");
            assertThat(warnings).anyMatch(w -> w.contains("not backed up: src/private.key"));
            assertThat(ManifestCodec.readHeader(r.backup().dir().resolve(BackupLayout.MANIFEST)).notCopied())
                    .isEqualTo(m.notCopied());
            // restore all leaves what the backup could not take where it is, instead of removing it
            var restorer = new dev.rollbackshell.restore.Restorer(project, store, warnings::add);
            var report = restorer.restoreAll(new dev.rollbackshell.restore.RestoreAllRequest(
                    dev.rollbackshell.restore.SourceRef.backup(r.backup().id()), null, FOLDERS, List.of(), false, false));
            assertThat(report.removed()).noneMatch(i -> i.path().startsWith("src/private.key") || i.path().startsWith("src/closed"));
            assertThat(report.left()).anyMatch(i -> i.path().equals("src/private.key") && i.reason().contains("left out of backup"));
            assertThat(secret).exists();
            assertThat(closed).exists();
        } finally {
            Files.setPosixFilePermissions(closed.getParent(), PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aDiskThatFillsHalfWayLeavesNoHalfBackupAndNamesTheFileSystem() throws IOException {
        BackupResult good = create();
        write("src/app.py", "print('changed')\n");
        BackupService failing = service();
        failing.beforeEachFile = p -> {
            throw new java.io.UncheckedIOException(new java.nio.file.FileSystemException(
                    dir.resolve(p).toString(), null, "No space left on device"));
        };
        assertThatThrownBy(() -> failing.create(FOLDERS, 2, null, true, null)).isInstanceOf(RollbackException.class)
                .hasMessageContaining("no space left on ").hasMessageContaining("nothing was published");
        assertThat(store.list()).extracting(Backup::id).containsExactly(good.backup().id());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void twoBackupsInOneSecondGetDistinctIds() {
        Clock frozen = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneId.of("UTC"));
        BackupService s = new BackupService(project, store, warnings::add, frozen);
        String a = s.create(FOLDERS, 1, null, true, null).backup().id();
        String b = s.create(FOLDERS, 1, null, true, null).backup().id();
        String c = s.create(FOLDERS, 1, null, true, null).backup().id();
        assertThat(List.of(a, b, c)).containsExactly("20250304_050607", "20250304_050607_2", "20250304_050607_3");
        assertThat(store.list()).extracting(Backup::id).containsExactly(a, b, c);
        assertThat(store.find(b).orElseThrow().manual()).isFalse();
    }

    @Test
    void aHandMadeBackupCopiedIntoTheReservedFolderMeanwhileIsLeftAloneAndTheNextIdTaken() throws IOException {
        Clock frozen = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneId.of("UTC"));
        BackupService s = new BackupService(project, store, warnings::add, frozen);
        Path reserved = project.backupRoot().resolve("20250304_050607");
        s.beforeEachFile = p -> {
            try { // someone runs the runbook's mkdir -p + cp -r in the same second
                TestFiles.write(reserved, "src_backup/by-hand.py", "by hand");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        BackupResult r = s.create(FOLDERS, 1, null, true, null);
        assertThat(r.backup().id()).isEqualTo("20250304_050607_2");
        assertThat(r.manifest().id()).isEqualTo("20250304_050607_2");
        assertThat(Json.read(project.backupRoot().resolve("20250304_050607_2/manifest.json"), Manifest.class).id())
                .isEqualTo("20250304_050607_2");
        assertThat(store.find("20250304_050607").orElseThrow().manual()).isTrue();
        assertThat(TestFiles.read(reserved, "src_backup/by-hand.py")).isEqualTo("by hand");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void listingReadsOnlyTheManifestHeaderButAManifestWithEntriesFirstStillWorks() throws IOException {
        BackupResult r = service().create(FOLDERS, 3, "hello", true, null);
        Manifest head = BackupStore.readHeader(r.backup().manifestFile());
        assertThat(head.entries()).isEmpty();
        assertThat(head.phase()).isEqualTo(3);
        assertThat(head.message()).isEqualTo("hello");
        assertThat(head.folders()).containsExactly("src", "tests");

        Path odd = tmp.resolve("odd.json");
        Files.writeString(odd, "{\"entries\": [{\"path\": \"src/a\"}], \"phase\": 7, \"folders\": [\"src\"]}");
        assertThat(BackupStore.readHeader(odd).phase()).isEqualTo(7);
        Files.writeString(odd, "{\"phase\": 7, \"entr");
        assertThatThrownBy(() -> BackupStore.readHeader(odd)).isInstanceOf(IOException.class);
    }

    @Test
    void aHandMadeBackupIsListedAndNeverUsedAsALinkSource() throws Exception {
        Path manual = BackupFixtures.manual(dir, "20240101_120000", "src");

        Backup listed = store.find("20240101_120000").orElseThrow();
        assertThat(listed.manual()).isTrue();
        assertThat(listed.folders()).containsExactly("src");

        BackupResult r = create();
        assertThat(r.linkedTo()).isNull();
        assertThat(r.linked()).isZero();
        assertThat(store.list()).extracting(Backup::id).containsExactly("20240101_120000", r.backup().id());
    }

    @Test
    void leftoversOfADeadRunAreRemovedUnderTheLock() throws IOException {
        Path root = project.backupRoot();
        Path dead = root.resolve(".incomplete-20200101_000000-999999999");
        write(dead.resolve("src_backup/a.py"), "half");
        dead.resolve("src_backup/a.py").toFile().setWritable(false);
        Files.createDirectories(root.resolve("20200101_000000"));

        create();
        assertThat(dead).doesNotExist();
        assertThat(root.resolve("20200101_000000")).doesNotExist();
        assertThat(warnings).anyMatch(w -> w.contains("did not finish"));
    }

    @Test
    void refusesWhenNoProtectedFolderExistsAndABadPhase() throws IOException {
        TestFiles.deleteContents(dir);
        assertThatThrownBy(this::create).isInstanceOf(RollbackException.class)
                .hasMessageContaining("nothing to back up").hasMessageContaining("-C DIR")
                .extracting(e -> ((RollbackException) e).exitStatus()).isEqualTo(2);
        assertThat(project.backupRoot()).doesNotExist();
        assertThatThrownBy(() -> service().create(FOLDERS, 0, null, true, null))
                .hasMessageContaining("--phase must be 1 or more");
    }

    @Test
    void theBaselineIsRecordedIntoTheUnfinishedBackupAndItsFailureDoesNotLoseTheBackup() throws IOException {
        List<Path> seenDirs = new ArrayList<>();
        BackupResult r = service().create(FOLDERS, 1, "before phase 1", true, d -> {
            seenDirs.add(d);
            Files.writeString(d.resolve("baseline.json"), "{}");
        });
        assertThat(seenDirs.get(0).getFileName().toString()).startsWith(".incomplete-");
        assertThat(r.backup().hasBaseline()).isTrue();
        assertThat(r.baseline()).isEqualTo("recorded");
        assertThat(r.manifest().message()).isEqualTo("before phase 1");

        BackupResult broken = service().create(FOLDERS, 1, null, true, d -> {
            Files.writeString(d.resolve("baseline.json"), "{ half");
            throw new IOException("pytest not found");
        });
        assertThat(broken.backup().hasBaseline()).isFalse();
        assertThat(broken.baseline()).contains("pytest not found");
        assertThat(broken.warnings()).anyMatch(w -> w.contains("without it"));
        assertThat(store.list()).hasSize(2);
    }

    @Test
    void largeTreesAreCopiedByThePoolExactly() throws IOException {
        for (int i = 0; i < 300; i++) {
            write("src/many/f" + i + ".txt", "content " + i + "\n".repeat(i));
        }
        ageAll();
        BackupResult first = create();
        write("src/many/f7.txt", "changed");
        Files.setLastModifiedTime(dir.resolve("src/many/f7.txt"), OLD);
        BackupResult second = create(); // same size? no: different size, so copied
        assertThat(second.copied()).isEqualTo(1);
        Path b = project.backupRoot().resolve(second.backup().id());
        for (int i = 0; i < 300; i++) {
            String expected = i == 7 ? "changed" : "content " + i + "\n".repeat(i);
            assertThat(TestFiles.read(b, "src_backup/many/f" + i + ".txt")).isEqualTo(expected);
        }
        assertThat(first.manifest().entries()).hasSize(second.manifest().entries().size());
        assertThat(new BackupVerifier(store).verify(store.list()).ok()).isTrue();
    }

    @Test
    void inAGitRepositoryTheSafetyBranchIsMadeAndRecordedInTheManifest() {
        dev.rollbackshell.testing.GitCli git = dev.rollbackshell.testing.GitCli.init(dir);
        git.run("add", "src/app.py");
        git.run("commit", "-q", "-m", "start");
        BackupResult r = service().create(FOLDERS, 3, "before phase 3", false, null);
        assertThat(r.git().made()).as(r.git().whyNot()).isTrue();
        assertThat(r.manifest().gitRef()).isEqualTo("redundancy_reduction_phase_3_backup");
        assertThat(r.manifest().gitCommit()).isEqualTo(git.run("rev-parse", "redundancy_reduction_phase_3_backup").strip());
        assertThat(git.run("log", "-1", "--format=%B", "redundancy_reduction_phase_3_backup"))
                .startsWith("before phase 3").contains("backup " + r.backup().id());
        assertThat(git.run("ls-tree", "-r", "--name-only", "redundancy_reduction_phase_3_backup"))
                .doesNotContain("redundancy_reduction_backups").doesNotContain(".rollback").contains("src/app.py");
    }

    // --- helpers

    Path write(String rel, String content) throws IOException {
        return TestFiles.write(dir, rel, content);
    }

    Path write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    void ageAll() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.setLastModifiedTime(p, OLD);
            }
        }
    }

    static Object inode(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino");
    }

    List<String> leftovers() throws IOException {
        if (!Files.isDirectory(project.backupRoot())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(project.backupRoot())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }
}
