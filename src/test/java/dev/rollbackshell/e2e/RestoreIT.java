package dev.rollbackshell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.backup.Hashing;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.Launcher;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher restoring, undoing, refusing, and surviving a kill -9 in the middle of a restore. */
class RestoreIT {

    static final String B1 = "20260101_120000";
    static final String B2 = "20260102_120000";
    static final int FILES = 200;
    /** Small files and a pause before each one staged or written: the kill lands mid-way without a gigabyte of I/O. */
    static final int SIZE = 16 << 10;

    @TempDir
    Path project;

    @Test
    void restoreUndoAndRedoThroughTheLauncher() throws Exception {
        BackupFixtures.sampleProject(project);
        BackupFixtures.manual(project, B1, "src", "tests", "data");
        TestFiles.write(project, "src/batch_processor/progress_tracker.py", "broken\n");
        Map<String, String> before = TreeSnapshot.of(project);

        Launcher.Run dry = Launcher.run(project, "restore", "file", "src/batch_processor", "--dry-run", "--json");
        assertThat(dry.status()).as(dry.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(dry.out());
        assertThat(doc.get("dryRun").asBoolean()).isTrue();
        assertThat(doc.get("written").get(0).get("path").asText()).isEqualTo("src/batch_processor/progress_tracker.py");
        assertThat(doc.get("written").get(0).get("size").asLong()).isEqualTo(32);
        assertThat(doc.get("summary").get("unchanged").asInt()).isEqualTo(2);
        assertThat(TreeSnapshot.of(project)).isEqualTo(before);

        Launcher.Run r = Launcher.run(project, "restore", "file", "src/batch_processor/progress_tracker.py", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).get("journal").asInt()).isEqualTo(1);
        Map<String, String> restored = TreeSnapshot.of(project);

        Launcher.Run u = Launcher.run(project, "undo");
        assertThat(u.status()).as(u.err()).isZero();
        assertThat(TreeSnapshot.of(project)).isEqualTo(before);
        Launcher.Run again = Launcher.run(project, "undo");
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err().strip().lines()).hasSize(1);
        assertThat(again.err()).contains("nothing to undo");

        Launcher.Run redo = Launcher.run(project, "undo", "--redo");
        assertThat(redo.status()).as(redo.err()).isZero();
        assertThat(TreeSnapshot.of(project)).isEqualTo(restored);

        Launcher.Run list = Launcher.run(project, "undo", "--list", "--json");
        JsonNode entries = Json.MAPPER.readTree(list.out());
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).get("kind").asText()).isEqualTo("redo");
        assertThat(entries.get(2).get("kind").asText()).isEqualTo("restore-file");
    }

    @Test
    void refusalsAreOneLineOnStderrWithNothingOnStdoutAndNothingChanged() throws Exception {
        BackupFixtures.sampleProject(project);
        BackupFixtures.tool(project, B1, "src");
        BackupFixtures.tool(project, B2, "src");
        Path copy = project.resolve("redundancy_reduction_backups/" + B2 + "/src_backup/batch_processor/batch_manager.py");
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(copy, "damaged!\n");
        TestFiles.write(project, "src/batch_processor/batch_manager.py", "broken\n");
        Map<String, String> before = TreeSnapshot.of(project);

        Launcher.Run damaged = Launcher.run(project, "restore", "file", "src/batch_processor/batch_manager.py");
        assertThat(damaged.status()).isEqualTo(1);
        assertThat(damaged.out()).isEmpty();
        assertThat(damaged.err().strip().lines()).hasSize(1);
        assertThat(damaged.err()).contains("src/batch_processor/batch_manager.py").contains("damaged")
                .contains("--from " + B1);

        for (List<String> bad : List.of(List.of("restore", "file", "../outside.py"), List.of("restore", "file", "/etc/passwd"),
                List.of("restore", "file", "src/nope.py"), List.of("restore", "file", "src", "--from", "2026"),
                List.of("restore", "file", "src", "--git", "HEAD~1"), List.of("restore", "all", "--from", B1))) {
            Launcher.Run r = Launcher.run(project, bad.toArray(String[]::new));
            assertThat(r.status()).as(bad.toString()).isEqualTo(2);
            assertThat(r.out()).as(bad.toString()).isEmpty();
            assertThat(r.err().strip().lines()).as(bad.toString() + r.err()).hasSize(1);
        }
        assertThat(TreeSnapshot.of(project)).isEqualTo(before);
    }

    @Test
    void perFileFromGitHeadTildeOneLikeTheRunbook() throws Exception {
        BackupFixtures.sampleProject(project);
        GitCli git = GitCli.init(project);
        git.commitAll("before phase 1");
        String original = Files.readString(project.resolve("src/iterative_refinement_system.py"));
        TestFiles.write(project, "src/iterative_refinement_system.py", "from .consolidated import X\n");
        git.commitAll("phase 1");
        Launcher.Run r = Launcher.run(project, "restore", "file", "src/iterative_refinement_system.py", "--git", "HEAD~1");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("git HEAD~1");
        assertThat(Files.readString(project.resolve("src/iterative_refinement_system.py"))).isEqualTo(original);
        assertThat(git.run("status", "--porcelain")).contains("M src/iterative_refinement_system.py");
        assertThat(git.run("rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("main");
    }

    /**
     * Root ignores file modes, and the test suite usually runs as root: this runs the real
     * program as the user {@code nobody} on read-only files and a read-only folder.
     */
    @Test
    void readOnlyFilesAndFoldersAreRestoredAndUndoneForAnOrdinaryUser() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
                && (Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser"))),
                "needs root and runuser to act as another user");
        Path base = Files.createTempDirectory("rollback-nobody");
        try {
            Path jar = base.resolve("rollback-shell.jar");
            Files.copy(Path.of(System.getProperty("rollback.jar", "target/rollback-shell.jar")), jar);
            Path p = base.resolve("project");
            TestFiles.write(p, "src/a.py", "a = 1\n");
            TestFiles.write(p, "src/ro_dir/b.py", "b = 1\n");
            BackupFixtures.manual(p, B1, "src");
            TestFiles.write(p, "src/a.py", "a = broken\n");
            TestFiles.write(p, "src/ro_dir/b.py", "b = broken\n");
            Files.setPosixFilePermissions(p.resolve("src/a.py"), PosixFilePermissions.fromString("r--r--r--"));
            Files.setPosixFilePermissions(p.resolve("src/ro_dir/b.py"), PosixFilePermissions.fromString("r--r--r--"));
            Files.setPosixFilePermissions(p.resolve("src/ro_dir"), PosixFilePermissions.fromString("r-xr-xr-x"));
            Launcher.exec(base, null, Map.of(), List.of("chown", "-R", "nobody", base.toString()));
            Launcher.exec(base, null, Map.of(), List.of("chmod", "a+rx", base.toString()));
            Map<String, String> before = TreeSnapshot.of(p);
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> as = List.of("runuser", "-u", "nobody", "--", java, "-jar", jar.toString(), "-C", p.toString());

            Launcher.Run r = Launcher.exec(p, null, Map.of(), concat(as, "restore", "file", "src"));
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(Files.readString(p.resolve("src/ro_dir/b.py"))).isEqualTo("b = 1\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p.resolve("src/ro_dir")))).isEqualTo("r-xr-xr-x");
            Launcher.Run u = Launcher.exec(p, null, Map.of(), concat(as, "undo"));
            assertThat(u.status()).as(u.err()).isZero();
            assertThat(TreeSnapshot.of(p)).isEqualTo(before);
        } finally {
            Launcher.exec(base, null, Map.of(), List.of("chmod", "-R", "u+rwX", base.toString()));
            Launcher.exec(base, null, Map.of(), List.of("rm", "-rf", base.toString()));
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    // ------------------------------------------------------------------ kill -9

    @Test
    void killedWhileWritingTheFilesThenUndoGivesTheExactTreeBack() throws Exception {
        Set<String> allowed = bigProject();
        Map<String, String> before = TreeSnapshot.of(project);
        Process p = startRestore("-Drollback.journal.stepDelayMillis=15");
        killWhen(p, () -> lines(doneFile()), FILES / 4);

        assertEveryFileWhole(allowed);
        Launcher.Run list = Launcher.run(project, "undo", "--list");
        assertThat(list.out()).contains("INTERRUPTED");
        Launcher.Run u = Launcher.run(project, "undo");
        assertThat(u.status()).as(u.err()).isZero();
        assertThat(TreeSnapshot.of(project)).isEqualTo(before);
    }

    @Test
    void killedWhileStagingThenARerunCompletesAndUndoTwiceGivesTheTreeBack() throws Exception {
        Set<String> allowed = bigProject();
        Map<String, String> before = TreeSnapshot.of(project);
        Process p = startRestore("-Drollback.journal.stageDelayMillis=15");
        killWhen(p, () -> count(stagingDir()), FILES / 3);

        assertEveryFileWhole(allowed);
        assertThat(TreeSnapshot.of(project)).isEqualTo(before); // staging touches nothing in the project

        Launcher.Run again = Launcher.run(project, "restore", "file", "src/big");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(TreeSnapshot.contentOf(project.resolve("src/big")))
                .isEqualTo(TreeSnapshot.contentOf(project.resolve("redundancy_reduction_backups/" + B1 + "/src_backup/big")));

        assertThat(Launcher.run(project, "undo").status()).isZero();
        assertThat(Launcher.run(project, "undo").status()).isZero();
        assertThat(TreeSnapshot.of(project)).isEqualTo(before);
    }

    /** 200 files of 16 KB backed up, then every one of them changed; returns the hashes a file may have. */
    private Set<String> bigProject() throws IOException {
        Random rnd = new Random(42);
        byte[] buf = new byte[SIZE];
        Set<String> allowed = new HashSet<>();
        for (int i = 0; i < FILES; i++) {
            rnd.nextBytes(buf);
            Path f = project.resolve(String.format("src/big/part %03d.bin", i));
            Files.createDirectories(f.getParent());
            Files.write(f, buf);
            allowed.add(Hashing.sha256(buf));
        }
        BackupFixtures.manual(project, B1, "src");
        for (int i = 0; i < FILES; i++) {
            rnd.nextBytes(buf);
            Files.write(project.resolve(String.format("src/big/part %03d.bin", i)), buf);
            allowed.add(Hashing.sha256(buf));
        }
        return allowed;
    }

    private Process startRestore(String javaOpts) throws IOException {
        return Launcher.process(project, Map.of("ROLLBACK_SHELL_JAVA_OPTS", javaOpts),
                List.of(Launcher.script("rollback-shell").toString(), "restore", "file", "src/big"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** kill -9 the launcher's process (it exec's java, so this is the JVM) once {@code progress} reaches {@code at}. */
    private void killWhen(Process p, IntSupplier progress, int at) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (progress.getAsInt() < at) {
            assertThat(p.isAlive()).as("the restore ended before it could be killed").isTrue();
            assertThat(System.nanoTime()).as("timed out waiting for the restore to start").isLessThan(deadline);
            Thread.sleep(5);
        }
        p.destroyForcibly(); // SIGKILL
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
    }

    private void assertEveryFileWhole(Set<String> allowed) throws IOException {
        try (Stream<Path> files = Files.list(project.resolve("src/big"))) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(FILES);
            for (Path f : all) {
                assertThat(allowed).as(f.toString()).contains(Hashing.sha256(f));
            }
        }
    }

    private Path entryDir() {
        Path journal = project.resolve(".rollback/journal");
        if (!Files.isDirectory(journal)) {
            return null;
        }
        try (Stream<Path> s = Files.list(journal)) {
            return s.filter(Files::isDirectory).max(Path::compareTo).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private Path doneFile() {
        Path e = entryDir();
        return e == null ? null : e.resolve("done");
    }

    private Path stagingDir() {
        Path e = entryDir();
        return e == null ? null : e.resolve("new");
    }

    private static int lines(Path f) {
        try {
            return f == null || !Files.exists(f) ? 0 : (int) Files.readString(f).lines().count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static int count(Path dir) {
        try (Stream<Path> s = dir == null ? Stream.empty() : Files.list(dir)) {
            return (int) s.count();
        } catch (IOException e) {
            return 0;
        }
    }

}
