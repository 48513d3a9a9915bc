package dev.rollbackshell.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupResult;
import dev.rollbackshell.backup.BackupService;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.BackupVerifier;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.GitDaemon;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups pushed to and fetched from real git remotes: a bare repository on disk and a real git daemon. */
class RemoteBackupsTest {

    static final List<String> FOLDERS = List.of("src", "tests", "data");

    @TempDir
    Path tmp;
    Path dir;
    Path bare;
    GitCli git;
    Project project;
    BackupStore store;
    List<String> notes = new ArrayList<>();

    @BeforeEach
    void fixture() throws IOException {
        dir = Files.createDirectories(tmp.resolve("project"));
        git = GitCli.init(dir);
        TestFiles.write(dir, "src/app.py", "print('hello')\n");
        TestFiles.write(dir, "src/pkg/util.py", "def f():\n    return 1\n");
        TestFiles.write(dir, "tests/test_app.py", "def test(): pass\n");
        TestFiles.write(dir, ".gitignore", "redundancy_reduction_backups/\n.rollback/\n");
        Path script = TestFiles.write(dir, "src/run.sh", "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(dir.resolve("src/link"), Path.of("app.py"));
        Files.createDirectories(dir.resolve("src/empty"));
        for (int i = 0; i < 30; i++) {
            TestFiles.write(dir, "src/many/m" + i + ".py", "value = " + i + "\n".repeat(i + 1));
        }
        age();
        git.run("add", "-A");
        git.run("commit", "-q", "-m", "initial");
        bare = tmp.resolve("remote.git");
        new GitCli(tmp).run("init", "-q", "--bare", bare.toString());
        git.run("remote", "add", "origin", bare.toString());
        // main is not pushed: the backups' blobs would be on the remote already (git deduplicates)
        project = Project.at(dir);
        store = new BackupStore(project);
    }

    void age() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
            for (Path p : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (Files.getLastModifiedTime(p).toInstant().isAfter(hourAgo)) { // only what was just written
                    Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
                }
            }
        }
    }

    BackupResult backup(int phase) {
        return new BackupService(project, store, notes::add)
                .create(FOLDERS, phase, "before phase " + phase, false, null);
    }

    RemoteBackups remote(Project p) {
        return new RemoteBackups(p, new BackupStore(p), notes::add);
    }

    /** A fresh clone of the remote, as the next CI runner has it. */
    Project cloneOf(String url, String name) {
        Path clone = tmp.resolve(name);
        new GitCli(tmp).run("clone", "-q", url, clone.toString());
        return Project.at(clone);
    }

    static int files(dev.rollbackshell.backup.Manifest m) {
        return (int) m.entries().stream().filter(dev.rollbackshell.backup.ManifestEntry::isFile).count();
    }

    static long objects(Path bareRepo) {
        long n = 0;
        for (String line : new GitCli(bareRepo).run("count-objects", "-v").split("\n")) {
            if (line.startsWith("count: ") || line.startsWith("in-pack: ")) {
                n += Long.parseLong(line.substring(line.indexOf(' ') + 1).strip());
            }
        }
        return n;
    }

    @Test
    void pushedBackupIsOneCommitOfTheFolderAndComesBackWholeInAFreshClone() throws IOException {
        String head = git.run("rev-parse", "HEAD");
        String status = git.run("status", "--porcelain");
        String index = git.run("ls-files", "-s");
        BackupResult made = backup(1);
        String id = made.backup().id();

        RemoteBackups.PushReport r = remote(project).push(null, List.of(), false, id);

        assertThat(r.remote()).isEqualTo("origin");
        assertThat(r.backups()).extracting(RemoteBackups.PushedBackup::status).containsExactly(RemoteBackups.Sent.PUSHED);
        assertThat(r.branches()).containsExactly("redundancy_reduction_phase_1_backup");
        assertThat(r.objects()).isPositive();
        GitCli remoteGit = new GitCli(bare);
        String tree = remoteGit.run("ls-tree", "-r", "refs/rollback/backups/" + id);
        assertThat(tree).contains("100755 blob").contains("\tsrc_backup/run.sh")
                .contains("120000 blob").contains("\tsrc_backup/link")
                .contains("\tmanifest.json").contains("\ttests_backup/test_app.py");
        assertThat(remoteGit.run("cat-file", "-p", "refs/rollback/backups/" + id + ":manifest.json").getBytes())
                .isEqualTo(Files.readAllBytes(made.backup().manifestFile()));
        String message = remoteGit.run("log", "-1", "--format=%B", "refs/rollback/backups/" + id);
        assertThat(message).contains("rollback-shell backup " + id + " (phase 1)").contains("before phase 1")
                .contains("Rollback-Phase: 1");
        assertThat(remoteGit.run("rev-parse", "refs/heads/redundancy_reduction_phase_1_backup").strip())
                .isEqualTo(made.git().commit());
        // HEAD, the index and the work tree as they were
        assertThat(git.run("rev-parse", "HEAD")).isEqualTo(head);
        assertThat(git.run("status", "--porcelain")).isEqualTo(status);
        assertThat(git.run("ls-files", "-s")).isEqualTo(index);
        assertThat(RemoteState.load(project).pushed()).containsKey(id);

        // a second push of the same backup sends nothing
        RemoteBackups.PushReport again = remote(project).push("origin", List.of(id), false, null);
        assertThat(again.backups()).extracting(RemoteBackups.PushedBackup::status)
                .containsExactly(RemoteBackups.Sent.ALREADY_THERE);
        assertThat(again.objects()).isZero();

        Project clone = cloneOf(bare.toString(), "clone");
        RemoteBackups.RemoteListing listing = remote(clone).list(null);
        assertThat(listing.backups()).extracting(RemoteBackups.RemoteBackup::id).containsExactly(id);
        assertThat(listing.backups().get(0).here()).isFalse();
        assertThat(clone.backupRoot()).doesNotExist(); // listing fetched nothing

        RemoteBackups.FetchReport f = remote(clone).fetch(null);
        assertThat(f.ok()).isTrue();
        assertThat(f.fetched()).extracting(RemoteBackups.FetchedBackup::id).containsExactly(id);
        Path fetched = clone.backupRoot().resolve(id);
        Path original = made.backup().dir();
        for (String p : List.of("src_backup/app.py", "src_backup/pkg/util.py", "tests_backup/test_app.py",
                "src_backup/run.sh", "manifest.json")) {
            assertThat(Files.readAllBytes(fetched.resolve(p))).as(p).isEqualTo(Files.readAllBytes(original.resolve(p)));
        }
        assertThat(Files.getPosixFilePermissions(fetched.resolve("src_backup/run.sh")))
                .isEqualTo(PosixFilePermissions.fromString("r-xr-x---"));
        assertThat(Files.getLastModifiedTime(fetched.resolve("src_backup/app.py")).toMillis())
                .isEqualTo(Files.getLastModifiedTime(original.resolve("src_backup/app.py")).toMillis());
        assertThat(Files.readSymbolicLink(fetched.resolve("src_backup/link"))).isEqualTo(Path.of("app.py"));
        assertThat(fetched.resolve("src_backup/empty")).isDirectory();
        BackupStore cloneStore = new BackupStore(clone);
        Backup b = cloneStore.find(id).orElseThrow();
        assertThat(b.madeBy()).isEqualTo(Backup.TOOL);
        assertThat(b.phase()).isEqualTo(1);
        assertThat(new BackupVerifier(cloneStore).verify(List.of(b)).ok()).isTrue();
        assertThat(RemoteState.load(clone).fetched().get(id).remote()).isEqualTo("origin");
        try (Stream<Path> s = Files.list(clone.backupRoot())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly(id); // no .incomplete- left
        }
        assertThat(new GitCli(clone.root()).run("branch", "--list", "redundancy_reduction_*"))
                .contains("redundancy_reduction_phase_1_backup");

        // fetching again brings nothing: it is here
        RemoteBackups.FetchReport again2 = remote(clone).fetch(null);
        assertThat(again2.fetched()).isEmpty();
        assertThat(again2.alreadyHere()).containsExactly(id);
    }

    @Test
    void anIncrementalPushSendsOnlyTheObjectsThatChangedAndAFetchHardLinksWhatIsHere() throws IOException {
        String first = backup(1).backup().id();
        RemoteBackups.PushReport one = remote(project).push(null, List.of(first), false, null);
        long afterFirst = objects(bare);
        Project clone = cloneOf(bare.toString(), "clone");
        assertThat(remote(clone).fetch(null).fetched()).hasSize(1);

        TestFiles.write(dir, "src/app.py", "print('changed')\n");
        age();
        waitASecond();
        String second = backup(2).backup().id();
        RemoteBackups.PushReport two = remote(project).push(null, List.of(second), false, null);
        long added = objects(bare) - afterFirst;

        // the first push: every blob, tree and commit; the second: the changed file, the trees above it,
        // the manifest, the commit, and the safety branch's new commit and trees
        assertThat(two.objects()).isLessThan(one.objects() / 2);
        assertThat(added).isLessThan(afterFirst / 2).isPositive();

        RemoteBackups.FetchReport f = remote(clone).fetch(null);
        assertThat(f.fetched()).hasSize(1);
        RemoteBackups.FetchedBackup got = f.fetched().get(0);
        assertThat(got.id()).isEqualTo(second);
        assertThat(got.linked()).isGreaterThan(30); // every unchanged file is a hard link to the first fetched backup
        assertThat(got.written()).isLessThan(5);
        Path a = clone.backupRoot().resolve(first).resolve("src_backup/pkg/util.py");
        Path b = clone.backupRoot().resolve(second).resolve("src_backup/pkg/util.py");
        assertThat(Files.getAttribute(b, "unix:ino")).isEqualTo(Files.getAttribute(a, "unix:ino"));
        assertThat(Files.readString(clone.backupRoot().resolve(second).resolve("src_backup/app.py")))
                .isEqualTo("print('changed')\n");
    }

    @Test
    void theSpaceAFetchNeedsIsCountedFromTheCommitLessWhatCanBeHardLinked() throws IOException {
        String first = backup(1).backup().id();
        TestFiles.write(dir, "src/app.py", "print('changed')\n");
        Files.write(dir.resolve("src/new.bin"), new byte[50_000]);
        age();
        waitASecond();
        String second = backup(2).backup().id();
        remote(project).push(null, List.of(first, second), false, null);
        try (dev.rollbackshell.git.GitRepo g = dev.rollbackshell.git.GitRepo.open(project)) {
            org.eclipse.jgit.lib.Repository repo = g.repository();
            BackupCheckout commits = new BackupCheckout(repo);
            org.eclipse.jgit.lib.ObjectId one = repo.exactRef(CommitLayout.ref(first)).getObjectId();
            org.eclipse.jgit.lib.ObjectId two = repo.exactRef(CommitLayout.ref(second)).getObjectId();
            var files = store.manifest(store.resolve(second)).entries().stream()
                    .filter(dev.rollbackshell.backup.ManifestEntry::isFile).toList();
            long all = files.stream().mapToLong(e -> dev.rollbackshell.project.FreeSpace.allocation(e.size())).sum();

            // nothing here to link to: every file is written
            BackupCheckout.Need alone = commits.need(two, new java.util.HashMap<>());
            assertThat(alone.write()).isEqualTo(files.size());
            assertThat(alone.linked()).isZero();
            assertThat(alone.bytes()).isEqualTo(all).isGreaterThan(50_000);
            assertThat(alone.other()).isPositive();

            // the first backup here: only the two changed files are written
            java.util.Map<String, LinkCandidate> links = new java.util.HashMap<>();
            LinkCandidate.add(links, store.resolve(first), store, new CommitLayout(repo));
            BackupCheckout.Need after = commits.need(two, links);
            assertThat(after.write()).isEqualTo(2);
            assertThat(after.linked()).isEqualTo(files.size() - 2);
            assertThat(after.bytes()).isEqualTo(dev.rollbackshell.project.FreeSpace.allocation(50_000)
                    + dev.rollbackshell.project.FreeSpace.allocation("print('changed')\n".length()));

            // both fetched at once into an empty clone: the second links to the first, still to come
            java.util.Map<String, LinkCandidate> planned = new java.util.HashMap<>();
            BackupCheckout.Need a = commits.need(one, planned);
            BackupCheckout.Need b = commits.need(two, planned);
            assertThat(a.linked()).isZero();
            assertThat(b.write()).isEqualTo(2);
            assertThat(b.bytes()).isEqualTo(after.bytes());
        }
        // and the fetch itself writes what was counted
        Project clone = cloneOf(bare.toString(), "clone");
        RemoteBackups.FetchReport f = remote(clone).fetch(null);
        assertThat(f.fetched()).hasSize(2);
        assertThat(f.fetched().get(1).written()).isEqualTo(3); // the two files and the symbolic link src/link
        assertThat(f.fetched().get(1).linked()).isEqualTo(files(store.manifest(store.resolve(second))) - 2);
    }

    @Test
    void anIncrementalPushOfAThousandFilesSendsOnlyWhatChanged() throws IOException {
        for (int i = 0; i < 1000; i++) {
            TestFiles.write(dir, "src/big/d" + (i % 20) + "/f" + i + ".py", "# file " + i + "\n" + "x = 1\n".repeat(i % 50));
        }
        age();
        String first = backup(1).backup().id();
        RemoteBackups.PushReport one = remote(project).push(null, List.of(first), false, null);
        TestFiles.write(dir, "src/big/d3/f3.py", "# changed\n");
        age();
        waitASecond();
        String second = backup(1).backup().id();
        RemoteBackups.PushReport two = remote(project).push(null, List.of(second), false, null);
        assertThat(one.objects()).isGreaterThan(1000);
        assertThat(two.objects()).isLessThan(20); // the blob, its folders, the manifest, two commits and their trees
    }

    @Test
    void withoutASafetyBranchAnIncrementalPushStillSendsOnlyWhatChangedCountedOnTheRemote() throws IOException {
        for (int i = 0; i < 2000; i++) {
            TestFiles.write(dir, "src/big/d" + (i % 40) + "/f" + i + ".py", "# file " + i + "\n" + "y = 2\n".repeat(i % 30));
        }
        age();
        // --no-git: no safety branch whose history would tell git what the remote has; only the backups
        String first = noGitBackup().backup().id();
        RemoteBackups.PushReport one = remote(project).push(null, List.of(first), false, null);
        long afterFirst = objects(bare);
        TestFiles.write(dir, "src/big/d7/f7.py", "# changed\n");
        TestFiles.write(dir, "src/big/d9/f1209.py", "# changed too\n");
        age();
        waitASecond();
        String second = noGitBackup().backup().id();
        RemoteBackups.PushReport two = remote(project).push(null, List.of(second), false, null);
        long added = objects(bare) - afterFirst;

        assertThat(one.objects()).isGreaterThan(2000);
        // two blobs, their two folders, src_backup/big/, src_backup/, the root tree, the manifest, the commit
        assertThat(two.objects()).isLessThanOrEqualTo(10);
        assertThat(added).isEqualTo(two.objects()).isPositive();
        GitCli remoteGit = new GitCli(bare);
        assertThat(remoteGit.run("rev-parse", "refs/rollback/backups/" + second + "^").strip())
                .isEqualTo(remoteGit.run("rev-parse", "refs/rollback/backups/" + first).strip());
        // the next runner still gets both, whole
        Project clone = cloneOf(bare.toString(), "clone");
        RemoteBackups.FetchReport f = remote(clone).fetch(null);
        assertThat(f.fetched()).extracting(RemoteBackups.FetchedBackup::id).containsExactly(first, second);
        assertThat(TestFiles.read(clone.root(), "redundancy_reduction_backups/" + second + "/src_backup/big/d7/f7.py"))
                .isEqualTo("# changed\n");
        assertThat(TestFiles.read(clone.root(), "redundancy_reduction_backups/" + first + "/src_backup/big/d7/f7.py"))
                .startsWith("# file 7\n");
    }

    @Test
    void backupsPushedTogetherToAnEmptyRemoteFormOneChainAndAnOlderOneBuildsOnTheRemotesNewest()
            throws IOException {
        String a = noGitBackup().backup().id();
        TestFiles.write(dir, "src/app.py", "print('b')\n");
        age();
        waitASecond();
        String b = noGitBackup().backup().id();
        remote(project).push(null, List.of(b), false, null);
        TestFiles.write(dir, "src/app.py", "print('c')\n");
        age();
        waitASecond();
        String c = noGitBackup().backup().id();
        // a is older than everything on the remote: it builds on b; c builds on b too
        RemoteBackups.PushReport r = remote(project).push(null, List.of(), true, null);
        assertThat(r.backups()).extracting(RemoteBackups.PushedBackup::status).containsExactly(
                RemoteBackups.Sent.PUSHED, RemoteBackups.Sent.ALREADY_THERE, RemoteBackups.Sent.PUSHED);
        assertThat(r.objects()).isLessThan(15); // two changed files' worth, not three backups
        GitCli remoteGit = new GitCli(bare);
        String bCommit = remoteGit.run("rev-parse", "refs/rollback/backups/" + b).strip();
        assertThat(remoteGit.run("rev-parse", "refs/rollback/backups/" + a + "^").strip()).isEqualTo(bCommit);
        assertThat(remoteGit.run("rev-parse", "refs/rollback/backups/" + c + "^").strip()).isEqualTo(bCommit);
        assertThat(remoteGit.run("rev-list", "--count", "refs/rollback/backups/" + b).strip()).isEqualTo("1");
    }

    BackupResult noGitBackup() {
        return new BackupService(project, store, notes::add)
                .create(FOLDERS, 1, null, true, null);
    }

    @Test
    void aPushCutOffHalfWayLeavesNoRefAndTheNextPushCompletes() {
        String id = backup(1).backup().id();
        RemoteBackups cut = remote(project);
        cut.whileSending = n -> {
            if (n >= 5) {
                throw new IllegalStateException("connection lost (test)");
            }
        };
        assertThatThrownBy(() -> cut.push(null, List.of(id), false, null)).isInstanceOf(RuntimeException.class);
        assertThat(new GitCli(bare).run("for-each-ref", "refs/rollback/")).isEmpty();
        assertThat(new GitCli(bare).run("for-each-ref", "refs/heads/redundancy_reduction_phase_1_backup")).isEmpty();
        assertThat(RemoteState.load(project).pushed()).isEmpty();

        assertThat(remote(project).push(null, List.of(id), false, null).backups()).hasSize(1);
        assertThat(new GitCli(bare).run("for-each-ref", "--format=%(refname)", "refs/rollback/"))
                .contains("refs/rollback/backups/" + id);
    }

    @Test
    void aFileChangedOnTheRemoteIsRefusedNamingItAndNothingOfThatBackupIsKept() throws IOException {
        String id = backup(1).backup().id();
        remote(project).push(null, List.of(id), false, null);
        // someone rewrites the remote's backup: one file changed, the manifest kept
        tamper(id, "src_backup/pkg/util.py", "def f():\n    return 666\n");

        Project clone = cloneOf(bare.toString(), "clone");
        RemoteBackups.FetchReport f = remote(clone).fetch(null);

        assertThat(f.ok()).isFalse();
        assertThat(f.fetched()).isEmpty();
        assertThat(f.refused()).hasSize(1);
        assertThat(f.refused().get(0).problems()).containsExactly(
                "src/pkg/util.py: its content does not match the manifest's SHA-256");
        try (Stream<Path> s = Files.list(clone.backupRoot())) {
            assertThat(s.toList()).isEmpty(); // neither the backup nor a half-built folder
        }
        assertThat(RemoteState.load(clone).fetched()).isEmpty();
    }

    @Test
    void aManifestChangedOnTheRemoteIsRefusedToo() throws IOException {
        String id = backup(1).backup().id();
        remote(project).push(null, List.of(id), false, null);
        String manifest = new GitCli(bare).run("cat-file", "-p", "refs/rollback/backups/" + id + ":manifest.json");
        String sha = TestFiles.read(dir, "tests/test_app.py").isEmpty() ? "" : dev.rollbackshell.backup.Hashing
                .sha256(dir.resolve("tests/test_app.py"));
        tamper(id, "manifest.json", manifest.replace(sha, "0".repeat(64)));

        RemoteBackups.FetchReport f = remote(cloneOf(bare.toString(), "clone")).fetch(null);
        assertThat(f.refused()).hasSize(1);
        assertThat(f.refused().get(0).problems()).containsExactly(
                "tests/test_app.py: its content does not match the manifest's SHA-256");
    }

    @Test
    void aDamagedObjectOnTheRemoteIsRefusedAndNothingIsFetched() throws IOException {
        String id = backup(1).backup().id();
        remote(project).push(null, List.of(id), false, null);
        Project clone = cloneOf(bare.toString(), "clone");
        // damage every pack of the remote in the middle (git keeps what it received as packs)
        try (Stream<Path> s = Files.list(bare.resolve("objects/pack"))) {
            for (Path pack : s.filter(p -> p.toString().endsWith(".pack")).toList()) {
                pack.toFile().setWritable(true);
                byte[] bytes = Files.readAllBytes(pack);
                for (int i = bytes.length / 3; i < bytes.length * 2 / 3; i += 7) {
                    bytes[i] ^= 0x5a;
                }
                Files.write(pack, bytes);
            }
        }
        assertThatThrownBy(() -> remote(clone).fetch(null)).isInstanceOf(RollbackException.class)
                .satisfies(e -> assertThat(((RollbackException) e).exitStatus()).isIn(1, 2));
        assertThat(Files.exists(clone.backupRoot().resolve(id))).isFalse();
        assertThat(RemoteState.load(clone).fetched()).isEmpty();
    }

    @Test
    void anUnknownRemoteIsRefusedNamingTheOnesThereAre() {
        String id = backup(1).backup().id();
        assertThatThrownBy(() -> remote(project).push("orign", List.of(id), false, null))
                .isInstanceOf(RollbackException.class)
                .hasMessageContaining("no git remote orign; did you mean origin?")
                .hasMessageContaining("the remotes here: origin")
                .satisfies(e -> assertThat(((RollbackException) e).exitStatus()).isEqualTo(2));
        assertThat(project.state(RemoteState.FILE)).doesNotExist();
        assertThatThrownBy(() -> remote(project).fetch("nowhere")).hasMessageContaining("no git remote nowhere");
    }

    @Test
    void aRemoteThatHoldsAnotherBackupUnderTheIdRefusesThePush() {
        String id = backup(1).backup().id();
        // the remote has something else under that name (another machine's backup of the same second)
        git.run("push", "-q", "origin", "main");
        new GitCli(bare).run("update-ref", "refs/rollback/backups/" + id, "refs/heads/main");
        assertThatThrownBy(() -> remote(project).push(null, List.of(id), false, null))
                .isInstanceOf(RollbackException.class)
                .hasMessageContaining("refused the push")
                .hasMessageContaining("a different backup with that id")
                .satisfies(e -> assertThat(((RollbackException) e).exitStatus()).isEqualTo(2));
        // atomic: the safety branch did not go either
        assertThat(new GitCli(bare).run("for-each-ref", "refs/heads/redundancy_reduction_phase_1_backup")).isEmpty();
        assertThat(RemoteState.load(project).pushed()).isEmpty();
    }

    @Test
    void aFileUrlWorksLikeThePath() {
        String id = backup(1).backup().id();
        String url = bare.toUri().toString(); // file:///...
        RemoteBackups.PushReport r = remote(project).push(url, List.of(id), false, null);
        assertThat(r.url()).startsWith("file:");
        assertThat(r.backups()).hasSize(1);
        Project clone = cloneOf(bare.toString(), "clone");
        assertThat(remote(clone).fetch(url).fetched()).extracting(RemoteBackups.FetchedBackup::id).containsExactly(id);
    }

    @Test
    void aRemoteThatCannotBeReachedIsOneLineAndExit2() throws IOException {
        String id = backup(1).backup().id();
        String url = "git://127.0.0.1:" + GitDaemon.freePort() + "/nothing.git";
        assertThatThrownBy(() -> remote(project).push(url, List.of(id), false, null))
                .isInstanceOf(RollbackException.class)
                .hasMessageContaining("cannot reach " + url)
                .satisfies(e -> assertThat(((RollbackException) e).exitStatus()).isEqualTo(2));
        assertThat(RemoteState.load(project).pushed()).isEmpty();
    }

    @Test
    void aServerThatRefusesTheCredentialsIsOneLineExit2AndNothingChangesHere() throws Exception {
        String id = backup(1).backup().id();
        // a real HTTP server on 127.0.0.1 that wants a password it never accepts
        List<String> authorizations = java.util.Collections.synchronizedList(new ArrayList<>());
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "none" : auth);
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"backups\"");
            ex.sendResponseHeaders(401, -1);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/team/backups.git";
            // no credential helper: nothing to offer, and no prompt
            assertThatThrownBy(() -> remote(project).push(url, List.of(id), false, null))
                    .isInstanceOf(RollbackException.class)
                    .hasMessageContaining("refused the credentials")
                    .hasMessageContaining("nothing was pushed")
                    .satisfies(e -> assertThat(((RollbackException) e).exitStatus()).isEqualTo(2))
                    .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
            // the user's helper answers; the server refuses what it gave
            git.run("config", "credential.helper", "!f() { echo username=alice; echo password=wrong; }; f");
            assertThatThrownBy(() -> remote(project).push(url, List.of(id), false, null))
                    .isInstanceOf(RollbackException.class).hasMessageContaining("refused the credentials");
            assertThat(authorizations).contains("Basic " + java.util.Base64.getEncoder().encodeToString(
                    "alice:wrong".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> remote(project).fetch(url)).isInstanceOf(RollbackException.class)
                    .hasMessageContaining("refused the credentials")
                    .satisfies(e -> assertThat(((RollbackException) e).exitStatus()).isEqualTo(2));
            assertThatThrownBy(() -> remote(project).list(url)).hasMessageContaining("refused the credentials");
        } finally {
            server.stop(0);
        }
        // nothing changed here: no record, no backup commit, the backups as they were
        assertThat(project.state(RemoteState.FILE)).doesNotExist();
        assertThat(git.run("for-each-ref", "refs/rollback/")).isEmpty();
        assertThat(store.list()).extracting(Backup::id).containsExactly(id);
    }

    @Test
    void throughARealGitDaemon() throws Exception {
        assumeThat(GitDaemon.available()).as("git daemon is installed").isTrue();
        Path base = Files.createDirectories(tmp.resolve("served"));
        new GitCli(base).run("init", "-q", "--bare", "backups.git");
        try (GitDaemon daemon = GitDaemon.start(base)) {
            String url = daemon.url("backups.git");
            git.run("remote", "add", "daemon", url);
            String first = backup(1).backup().id();
            RemoteBackups.PushReport one = remote(project).push("daemon", List.of(first), false, null);
            assertThat(one.url()).isEqualTo(url);
            long afterFirst = objects(base.resolve("backups.git"));
            assertThat(afterFirst).isPositive();

            TestFiles.write(dir, "src/pkg/util.py", "def f():\n    return 2\n");
            age();
            waitASecond();
            String second = backup(1).backup().id();
            RemoteBackups.PushReport two = remote(project).push("daemon", List.of(second), false, null);
            assertThat(two.objects()).isLessThan(one.objects() / 2);
            assertThat(objects(base.resolve("backups.git")) - afterFirst).isLessThan(afterFirst / 2);

            Path clone = tmp.resolve("runner");
            new GitCli(tmp).run("clone", "-q", bare.toString(), clone.toString());
            new GitCli(clone).run("remote", "add", "daemon", url);
            RemoteBackups.FetchReport f = remote(Project.at(clone)).fetch("daemon");
            assertThat(f.ok()).isTrue();
            assertThat(f.fetched()).extracting(RemoteBackups.FetchedBackup::id).containsExactly(first, second);
            assertThat(TestFiles.read(clone, "redundancy_reduction_backups/" + second + "/src_backup/pkg/util.py"))
                    .isEqualTo("def f():\n    return 2\n");

            // a server hook that refuses: one line, exit 2, nothing recorded here
            Path hook = base.resolve("backups.git/hooks/pre-receive");
            Files.writeString(hook, "#!/bin/sh\necho 'backups are frozen' >&2\nexit 1\n");
            Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
            TestFiles.write(dir, "src/app.py", "print('third')\n");
            age();
            waitASecond();
            String third = backup(1).backup().id();
            assertThatThrownBy(() -> remote(project).push("daemon", List.of(third), false, null))
                    .isInstanceOf(RollbackException.class)
                    .hasMessageContaining("refused the push")
                    .satisfies(e -> assertThat(((RollbackException) e).exitStatus()).isEqualTo(2));
            assertThat(RemoteState.load(project).pushed()).doesNotContainKey(third);
        }
    }

    /** Rewrites one file of the remote's backup commit with git's plumbing, as an attacker or a bad disk would. */
    private void tamper(String id, String path, String content) throws IOException {
        new GitCli(bare).rewrite("refs/rollback/backups/" + id, path, content);
    }

    private static void waitASecond() {
        try {
            Thread.sleep(1100); // backup ids are to the second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
