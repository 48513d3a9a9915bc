package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.testing.Tmpfs;
import dev.rollbackshell.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full disk (issue 13, item 1): the project lives on a tmpfs of 8 MiB mounted by the test
 * (root only; skipped elsewhere), filled by a file outside the protected folders. Every
 * command that writes much refuses early, or fails and puts back what it did: the project
 * stays byte for byte what it was, no half backup is listed or left, the journal can
 * still undo once there is room, and the error names the file system.
 */
class FullDiskCommandsTest extends CommandTestBase {

    static final String FILLER = "filler.bin";
    static boolean mounted;

    @BeforeAll
    static void mountASmallFileSystem() throws Exception {
        TestFiles.deleteContents(PROJECT);
        Tmpfs.mountOrSkip(PROJECT, "8m");
        mounted = true;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (!mounted) {
            return;
        }
        TestFiles.deleteContents(PROJECT);
        Tmpfs.unmount(PROJECT);
    }

    GitCli git;

    @BeforeEach
    void project() throws IOException {
        git = GitCli.init(PROJECT);
        TestFiles.write(PROJECT, "src/app.py", "a = 1\n");
        TestFiles.write(PROJECT, "src/pkg/util.py", "def f():\n    return 1\n");
        Files.write(PROJECT.resolve("src/big.bin"), random(1_500_000, 1));
        TestFiles.write(PROJECT, "tests/test_app.py", "def test():\n    pass\n");
        TestFiles.write(PROJECT, ".gitignore", "redundancy_reduction_backups/\n.rollback/\n" + FILLER + "\n");
        age();
        git.run("add", "-A");
        git.run("commit", "-q", "-m", "initial");
    }

    @Test
    void backupCreateRefusesEarlyNamingTheFileSystemAndLeavesNoHalfBackup() throws Exception {
        assertThat(run("backup", "create", "--no-baseline").status()).isZero();
        Files.write(PROJECT.resolve("src/big.bin"), random(1_500_000, 2));
        fill(300 * 1024);
        Map<String, String> before = snapshot();

        Result r = run("backup", "create", "--no-baseline");
        assertThat(r.status()).as(r.screen() + r.error()).isEqualTo(2);
        assertThat(r.error()).contains("not enough free space on " + PROJECT + " (tmpfs)").contains("for the backup")
                .contains("it needs about").contains("is free").contains("nothing was changed");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(backupFolders()).hasSize(1);
        assertThat(backupList()).hasSize(1);

        fill(0); // not a byte left: the backup fails on the first write, and still leaves nothing
        Result full = run("backup", "create", "--no-baseline");
        assertThat(full.status()).as(full.screen() + full.error()).isIn(1, 2);
        assertThat(full.error()).contains(PROJECT + " (tmpfs)").doesNotContain("Exception");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(backupList()).hasSize(1);

        Files.delete(PROJECT.resolve(FILLER)); // space is back
        Result ok = run("backup", "create", "--no-baseline");
        assertThat(ok.status()).as(ok.error()).isZero();
        assertThat(backupFolders()).hasSize(2);
        assertThat(backupList()).hasSize(2);
        assertThat(run("backup", "verify", "--all").status()).isZero();
    }

    @Test
    void restoreAndUndoRefuseEarlyAndTheJournalStillUndoesOnceThereIsRoom() throws Exception {
        assertThat(run("backup", "create", "--no-baseline", "--no-git").status()).isZero();
        Files.write(PROJECT.resolve("src/big.bin"), random(1_500_000, 3));
        TestFiles.write(PROJECT, "src/app.py", "broken\n");
        Map<String, String> broken = snapshot();
        fill(300 * 1024);

        Result file = run("restore", "file", "src/big.bin");
        assertThat(file.status()).as(file.screen() + file.error()).isEqualTo(2);
        assertThat(file.error()).contains("not enough free space on " + PROJECT + " (tmpfs)")
                .contains("for restore-file (1 file to write)").contains("staging 1.4 MiB").contains("nothing was changed");
        Result all = run("restore", "all", "--yes");
        assertThat(all.status()).as(all.screen() + all.error()).isEqualTo(2);
        assertThat(all.error()).contains("not enough free space on " + PROJECT + " (tmpfs)");
        assertThat(snapshot()).isEqualTo(broken);
        assertThat(journalEntries()).isEmpty();

        fill(0);
        Result none = run("restore", "all", "--yes");
        assertThat(none.status()).as(none.screen() + none.error()).isIn(1, 2);
        assertThat(none.error()).contains(PROJECT + " (tmpfs)").doesNotContain("Exception");
        assertThat(snapshot()).isEqualTo(broken);

        Files.delete(PROJECT.resolve(FILLER));
        Result restored = run("restore", "all", "--yes");
        assertThat(restored.status()).as(restored.error()).isZero();
        Map<String, String> good = snapshot();
        assertThat(TestFiles.read(PROJECT, "src/app.py")).isEqualTo("a = 1\n");

        fill(300 * 1024); // undo must copy the 1.5 MB saved file back: it does not fit
        Result u = run("undo");
        assertThat(u.status()).as(u.screen() + u.error()).isEqualTo(2);
        assertThat(u.error()).contains("not enough free space on " + PROJECT + " (tmpfs)").contains("for undo");
        assertThat(snapshot()).isEqualTo(good);
        fill(0);
        Result u0 = run("undo");
        assertThat(u0.status()).isIn(1, 2);
        assertThat(snapshot()).isEqualTo(good);

        Files.delete(PROJECT.resolve(FILLER));
        Result undo = run("undo");
        assertThat(undo.status()).as(undo.error()).isZero();
        assertThat(snapshot()).isEqualTo(broken);
    }

    @Test
    void cleanFreesSpaceOnANearlyFullDiskAndUndoWaitsForRoom() throws Exception {
        assertThat(run("backup", "create", "--no-baseline", "--no-git").status()).isZero();
        Files.createDirectories(PROJECT.resolve("src/__pycache__"));
        Files.write(PROJECT.resolve("src/__pycache__/app.cpython-311.pyc"), random(200_000, 4));
        Map<String, String> before = snapshot();
        fill(16 * 1024); // room for the lock and a journal entry, nothing more

        Result c = run("clean");
        assertThat(c.status()).as(c.screen() + c.error()).isZero();
        assertThat(PROJECT.resolve("src/__pycache__/app.cpython-311.pyc")).doesNotExist();
        Result u = run("undo"); // the removed file is kept by a link in the journal: undo must copy it back
        assertThat(u.status()).as(u.screen() + u.error()).isEqualTo(2);
        assertThat(u.error()).contains("not enough free space on " + PROJECT + " (tmpfs)").contains("for undo");

        Files.delete(PROJECT.resolve(FILLER));
        assertThat(run("undo").status()).isZero();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void proofsOnAFullDiskAreNotTriedAndLeaveNoScratchCopy() throws Exception {
        TestFiles.deleteContents(PROJECT);
        Athena.create(PROJECT);
        BackupFixtures.manual(PROJECT, Athena.BACKUP_ID, Athena.FOLDERS);
        TestFiles.write(PROJECT, "src/batch_processor/feedback_loop.py",
                "class FeedbackLoopManager:\n    def __init__(self, data_dir):\n        pass\n");
        assertThat(run("diagnose", "--skip-tests").status()).isEqualTo(1);
        Map<String, String> before = snapshot();
        fill(0); // not a byte: refused at once, one line
        Result refused = run("suggest", "--json");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.error()).contains("no space left on " + PROJECT + " (tmpfs)").contains("nothing was changed");

        Files.delete(PROJECT.resolve(FILLER));
        fill(12 * 1024); // room for the lock, not for the scratch copies' data nor the suggestions in the session
        Result s = run("suggest", "--json");
        assertThat(s.status()).as(s.screen() + s.error()).isEqualTo(1);
        assertThat(s.error()).contains("no space left on " + PROJECT + " (tmpfs)").doesNotContain("Exception");
        assertThat(snapshot()).isEqualTo(before);
        Path scratch = PROJECT.resolve(".rollback/scratch");
        if (Files.isDirectory(scratch)) {
            try (Stream<Path> left = Files.list(scratch)) {
                assertThat(left.toList()).as("scratch copies left behind").isEmpty();
            }
        }

        Files.delete(PROJECT.resolve(FILLER)); // space is back: the same command works
        Result ok = run("suggest", "--json");
        assertThat(ok.status()).as(ok.error()).isZero();
        JsonNode top = Json.MAPPER.readTree(ok.screen()).at("/suggestions/0");
        assertThat(top.at("/paths/0").asText()).isEqualTo("src/batch_processor/feedback_loop.py");
        assertThat(top.at("/proof/status").asText()).isEqualTo("heals");
    }

    @Test
    void fetchOnAFullDiskLeavesNoHalfBackupAndWorksOnceThereIsRoom() throws Exception {
        Path remotes = Files.createTempDirectory("rollback-fulldisk-remote");
        try {
            Path bare = remotes.resolve("origin.git");
            GitCli.initBare(bare);
            git.run("remote", "add", "origin", bare.toString());
            git.run("push", "-q", "origin", "main");
            assertThat(run("backup", "create", "--no-baseline").status()).isZero();
            String id = backupList().get(0);
            assertThat(run("backup", "push").status()).isZero();
            TestFiles.deleteContents(PROJECT.resolve("redundancy_reduction_backups"));
            Map<String, String> before = snapshot();
            fill(0);

            Result f = run("backup", "fetch", "origin");
            assertThat(f.status()).as(f.screen() + f.error()).isIn(1, 2);
            assertThat(f.error()).contains(PROJECT + " (tmpfs)").doesNotContain("Exception");
            assertThat(snapshot()).isEqualTo(before);
            assertThat(backupFolders()).isEmpty();

            Files.delete(PROJECT.resolve(FILLER));
            Result again = run("backup", "fetch", "origin");
            assertThat(again.status()).as(again.error()).isZero();
            assertThat(backupList()).containsExactly(id);
            assertThat(run("backup", "verify", "--all").status()).isZero();
        } finally {
            TestFiles.deleteContents(remotes);
            Files.deleteIfExists(remotes);
        }
    }

    @Test
    void fetchCountsWhatItWritesFirstRefusesEarlyAndCountsHardLinksAsFree() throws Exception {
        Path remotes = Files.createDirectories(Path.of("/tmp/issue-13c"));
        Path bare = Files.createTempDirectory(remotes, "fulldisk-fetch-").resolve("origin.git");
        try {
            GitCli.initBare(bare);
            git.run("remote", "add", "origin", bare.toString());
            assertThat(run("backup", "create", "--no-baseline", "--no-git").status()).isZero();
            String first = backupList().get(0);
            Thread.sleep(1100); // backup ids are to the second
            Files.setLastModifiedTime(TestFiles.write(PROJECT, "src/app.py", "a = 2\n"),
                    FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS))); // the other files as they were
            assertThat(run("backup", "create", "--no-baseline", "--no-git").status()).isZero();
            String second = backupList().get(1);
            assertThat(run("backup", "push", "--all").status()).isZero();
            TestFiles.deleteContents(PROJECT.resolve("redundancy_reduction_backups"));
            Map<String, String> before = snapshot();
            fill(300 * 1024); // room for the lock and a manifest, not for a 1.5 MB file

            Result f = run("backup", "fetch", "origin");
            assertThat(f.status()).as(f.screen() + f.error()).isEqualTo(2);
            assertThat(f.error()).contains("not enough free space on " + PROJECT + " (tmpfs)")
                    .contains("for the fetch (2 backups, 5 files to write, 3 hard-linked)").contains("new bytes 1.4 MiB")
                    .contains("is free").contains("nothing was changed").doesNotContain("Exception");
            assertThat(f.error().lines()).hasSize(1);
            assertThat(snapshot()).isEqualTo(before);
            assertThat(backupFolders()).isEmpty();

            Files.delete(PROJECT.resolve(FILLER)); // space is back: the first one alone
            Result one = run("backup", "fetch", "origin");
            assertThat(one.status()).as(one.error()).isZero();
            assertThat(backupList()).containsExactly(first, second);
            TestFiles.deleteContents(PROJECT.resolve("redundancy_reduction_backups/" + second));
            Files.delete(PROJECT.resolve("redundancy_reduction_backups/" + second));
            fill(300 * 1024);

            // the second backup's big file is the first one's: a hard link, so the fetch fits
            Result linked = run("backup", "fetch", "origin", "--json");
            assertThat(linked.status()).as(linked.screen() + linked.error()).isZero();
            JsonNode got = Json.MAPPER.readTree(linked.screen()).at("/fetched/0");
            assertThat(got.at("/id").asText()).isEqualTo(second);
            assertThat(got.at("/written").asInt()).isEqualTo(1);
            assertThat(Files.getAttribute(PROJECT.resolve("redundancy_reduction_backups/" + second + "/src_backup/big.bin"),
                    "unix:ino")).isEqualTo(Files.getAttribute(
                            PROJECT.resolve("redundancy_reduction_backups/" + first + "/src_backup/big.bin"), "unix:ino"));
            Files.delete(PROJECT.resolve(FILLER));
            assertThat(run("backup", "verify", "--all").status()).isZero();
        } finally {
            TestFiles.deleteContents(bare.getParent());
            Files.deleteIfExists(bare.getParent());
        }
    }

    // ---- helpers ----

    /** Fills the file system until only {@code leave} bytes are free (0: until the first write fails). */
    static void fill(long leave) throws IOException {
        Path f = PROJECT.resolve(FILLER);
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (true) {
                long free = Files.getFileStore(PROJECT).getUsableSpace();
                if (free <= leave) {
                    break;
                }
                chunk.clear();
                chunk.limit((int) Math.min(chunk.capacity(), Math.max(4096, free - leave)));
                ch.write(chunk);
            }
        } catch (IOException e) {
            if (leave > 0 || !e.getMessage().contains("No space")) {
                throw e;
            }
        }
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void age() throws IOException {
        Instant old = Instant.now().minus(2, ChronoUnit.HOURS);
        try (Stream<Path> s = Files.walk(PROJECT)) {
            for (Path p : s.filter(p -> !p.startsWith(PROJECT.resolve(".git"))
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(old));
            }
        }
    }

    /** The project's files, byte for byte (the filler left out). */
    static Map<String, String> snapshot() {
        TreeMap<String, String> s = TreeSnapshot.of(PROJECT);
        s.remove(FILLER);
        return s;
    }

    static List<String> backupFolders() throws IOException {
        Path root = PROJECT.resolve("redundancy_reduction_backups");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    List<String> backupList() throws IOException {
        Result r = run("backup", "list", "--json");
        JsonNode list = Json.MAPPER.readTree(r.screen());
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).map(n -> n.get("id").asText()).toList();
    }

    static List<String> journalEntries() throws IOException {
        Path j = PROJECT.resolve(".rollback/journal");
        if (!Files.isDirectory(j)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(j)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+-.*")).toList();
        }
    }
}
