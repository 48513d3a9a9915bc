package dev.rollbackshell.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.backup.BackupPruner;
import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.backup.BackupVerifier;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs at once (issue 13, item 3), as real processes where the lock is an operating-system lock: two restores, and
 * a prune while another run reads the backup. Writers are serialised by the project lock; readers see a backup
 * whole or gone.
 */
class ConcurrentRunsTest {

    static final int FILES = 20;

    @TempDir
    Path root;

    /**
     * Another rollback-shell restoring: writes {@code args[1]} into every file of src/ as one journal entry (slowed
     * down by {@code -Drollback.journal.stepDelayMillis}); exits with the refusal's status and prints its message.
     */
    public static void main(String[] args) {
        Project project = Project.at(Path.of(args[0]));
        if (args[1].equals("backup")) { // a backup create that holds the lock while -Drollback.test.pauseAfterLock exists
            new dev.rollbackshell.backup.BackupService(project, new BackupStore(project),
                    w -> { }).create(List.of("src"), 1, null, true, null);
            return;
        }
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            changes.add(JournalTest.write("src/f" + i + ".py", args[1] + "\n"));
        }
        try {
            new Journal(project, w -> { }).apply("restore-all", "to " + args[1], changes);
        } catch (RollbackException e) {
            System.out.println(e.getMessage());
            System.exit(e.exitStatus());
        }
    }

    private Process restore(String content, long delayMillis) throws IOException {
        return child("-Drollback.journal.stepDelayMillis=" + delayMillis, content);
    }

    private Process child(String property, String what) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(javaBin, property, "-cp", System.getProperty("java.class.path"),
                ConcurrentRunsTest.class.getName(), root.toString(), what).redirectErrorStream(true).start();
    }

    private void awaitLockHeldBy(Process p) throws Exception {
        Path lock = root.resolve(".rollback/lock");
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!(Files.exists(lock) && Files.readString(lock).contains("pid=" + p.pid())) && System.nanoTime() < until) {
            assertThat(p.isAlive()).isTrue();
            Thread.sleep(20);
        }
    }

    @Test
    void twoThreadsOfOneProcessAreSerialisedToo() throws Exception {
        TestFiles.write(root, "src/f0.py", "old\n");
        Project project = Project.at(root);
        java.util.concurrent.CountDownLatch staged = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        Journal first = new Journal(project, w -> { });
        first.hook(new Journal.Hook() {
            @Override
            public void staged(Path entryDir) {
                staged.countDown();
                try {
                    go.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        CompletableFuture<Journal.Applied> a = CompletableFuture.supplyAsync(
                () -> first.apply("restore-file", "A", List.of(JournalTest.write("src/f0.py", "A\n"))));
        assertThat(staged.await(2, TimeUnit.MINUTES)).isTrue();
        try {
            Journal second = new Journal(project, w -> { });
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> second.apply("restore-file", "B", List.of(JournalTest.write("src/f0.py", "B\n"))))
                    .isInstanceOf(RollbackException.class).hasMessageContaining("locked by another rollback-shell run")
                    .hasMessageContaining("in this process");
        } finally {
            go.countDown();
        }
        a.get(2, TimeUnit.MINUTES);
        assertThat(Files.readString(root.resolve("src/f0.py"))).isEqualTo("A\n");
        new Journal(project, w -> { }).apply("restore-file", "B", List.of(JournalTest.write("src/f0.py", "B\n")));
        assertThat(Files.readString(root.resolve("src/f0.py"))).isEqualTo("B\n"); // released: the next one goes
    }

    @Test
    void aRestoreDuringABackupIsRefusedAndTheBackupIsWhole() throws Exception {
        for (int i = 0; i < FILES; i++) {
            TestFiles.write(root, "src/f" + i + ".py", "old\n");
        }
        Path pause = Files.createFile(root.resolveSibling(root.getFileName() + "-hold"));
        Process backup = child("-Drollback.test.pauseAfterLock=" + pause, "backup");
        try {
            awaitLockHeldBy(backup);
            Process r = restore("B", 0);
            assertThat(r.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String said = new String(r.getInputStream().readAllBytes());
            assertThat(r.exitValue()).as(said).isEqualTo(2);
            assertThat(said).contains("locked by another rollback-shell run").contains("doing=backup create");
        } finally {
            Files.deleteIfExists(pause);
        }
        assertThat(backup.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(backup.exitValue()).as(new String(backup.getInputStream().readAllBytes())).isZero();
        BackupStore store = new BackupStore(Project.at(root));
        assertThat(store.list()).hasSize(1);
        assertThat(new BackupVerifier(store).verify(store.list()).ok()).isTrue();
        for (int i = 0; i < FILES; i++) {
            assertThat(Files.readString(root.resolve("src/f" + i + ".py"))).isEqualTo("old\n");
        }
        assertThat(new Journal(Project.at(root), w -> { }).list()).isEmpty();
    }

    @Test
    void twoRestoresAtOnceOneIsRefusedAndTheOtherCompletesWhole() throws Exception {
        for (int i = 0; i < FILES; i++) {
            TestFiles.write(root, "src/f" + i + ".py", "old\n");
        }
        Process a = restore("A", 100);
        awaitLockHeldBy(a);
        Process b = restore("B", 0);
        assertThat(b.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String bSaid = new String(b.getInputStream().readAllBytes());
        assertThat(b.exitValue()).as(bSaid).isEqualTo(2);
        assertThat(bSaid).contains("locked by another rollback-shell run (pid=" + a.pid()).contains("doing=restore-all");
        assertThat(a.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(a.exitValue()).isZero();
        for (int i = 0; i < FILES; i++) {
            assertThat(Files.readString(root.resolve("src/f" + i + ".py"))).isEqualTo("A\n");
        }
        Journal journal = new Journal(Project.at(root), w -> { });
        assertThat(journal.list()).hasSize(1); // the refused run left no entry
        journal.undo();
        for (int i = 0; i < FILES; i++) {
            assertThat(Files.readString(root.resolve("src/f" + i + ".py"))).isEqualTo("old\n");
        }
    }

    @Test
    void aPruneWhileVerifyReadsTheBackupIsToldAsDeletedNeverAsMissingFiles() throws Exception {
        for (int i = 0; i < 3000; i++) {
            TestFiles.write(root, "src/d" + (i % 30) + "/f" + i + ".py", "v = " + i + "\n");
        }
        BackupFixtures.tool(root, "20260101_120000", "src");
        BackupFixtures.tool(root, "20260102_120000", "src");
        BackupStore store = new BackupStore(Project.at(root));
        Backup old = store.find("20260101_120000").orElseThrow();
        for (int round = 0; round < 3 && Files.isDirectory(old.dir()); round++) {
            CompletableFuture<BackupVerifier.Report> reading =
                    CompletableFuture.supplyAsync(() -> new BackupVerifier(store).verify(List.of(old)));
            Thread.sleep(round * 40L);
            if (round == 2) {
                BackupPruner pruner = new BackupPruner(store);
                assertThat(pruner.execute(pruner.plan(1, null))).containsExactly("20260101_120000");
            }
            BackupVerifier.Report r = reading.get(2, TimeUnit.MINUTES);
            assertThat(r.problems()).allSatisfy(p -> assertThat(p.problem()).isEqualTo(BackupVerifier.DELETED));
            assertThat(r.problems()).hasSizeLessThanOrEqualTo(1);
        }
        assertThat(Files.isDirectory(old.dir())).isFalse();
        assertThat(new BackupVerifier(store).verify(store.list()).ok()).isTrue(); // the backup kept is whole
    }
}
