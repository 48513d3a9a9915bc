package dev.rollbackshell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.Launcher;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups through the real launcher: output, --json documents, exit codes, git, the lock. */
class BackupIT {

    @TempDir
    Path tmp;
    Path project;

    @BeforeEach
    void sample() throws IOException {
        project = Files.createDirectories(tmp.resolve("athena"));
        TestFiles.write(project, "src/batch_processor/progress_tracker.py", "class ProgressTracker:\n    pass\n");
        TestFiles.write(project, "src/ünï cödé.py", "x = 1\n");
        TestFiles.write(project, "tests/test_progress.py", "def test():\n    pass\n");
    }

    /** The launcher in a non-UTF-8 locale (the launcher fixes that). */
    Launcher.Run shell(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Launcher.script("rollback-shell").toString());
        cmd.addAll(List.of(args));
        return Launcher.exec(project, null, env(), cmd);
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LANG", "C");
        env.put("LC_ALL", "");
        return env;
    }

    static JsonNode json(Launcher.Run r) throws IOException {
        return Json.MAPPER.readTree(r.out()); // the whole of stdout is one document
    }

    @Test
    void aBackupInAGitRepositoryMakesTheSafetyBranchWithoutTouchingGitStatusOrTheIndex() throws IOException {
        GitCli git = GitCli.init(project);
        TestFiles.write(project, ".gitignore", "/redundancy_reduction_backups/\n/.rollback/\n");
        git.run("add", "-A");
        git.run("commit", "-q", "-m", "start");
        TestFiles.write(project, "src/batch_processor/progress_tracker.py", "class ProgressTracker:\n    x = 2\n");
        TestFiles.write(project, "src/untracked.py", "new\n");
        String status = git.run("status", "--porcelain");
        byte[] index = Files.readAllBytes(project.resolve(".git/index"));

        Launcher.Run r = shell("backup", "create", "--phase", "2", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode doc = json(r);
        String id = doc.get("backup").get("id").asText();
        assertThat(doc.get("backup").get("gitRef").asText()).isEqualTo("redundancy_reduction_phase_2_backup");
        assertThat(doc.get("git").get("commit").asText())
                .isEqualTo(git.run("rev-parse", "redundancy_reduction_phase_2_backup").strip());
        assertThat(git.run("status", "--porcelain")).isEqualTo(status);
        assertThat(Files.readAllBytes(project.resolve(".git/index"))).isEqualTo(index);
        assertThat(git.run("show", "redundancy_reduction_phase_2_backup:src/untracked.py")).isEqualTo("new\n");
        assertThat(TestFiles.read(project, "redundancy_reduction_backups/" + id + "/src_backup/ünï cödé.py"))
                .isEqualTo("x = 1\n");

        Launcher.Run list = shell("backup", "list");
        assertThat(list.out()).contains(id).contains("redundancy_reduction_phase_2_backup").contains("git safety branches");
        Launcher.Run verify = shell("backup", "verify", "--json");
        assertThat(verify.status()).isZero();
        assertThat(json(verify).get("ok").asBoolean()).isTrue();
        assertThat(json(verify).get("checked").asInt()).isEqualTo(4);
    }

    @Test
    void theRunbooksHandMadeBackupAndBranchAreListedAndUsable() throws IOException, InterruptedException {
        GitCli git = GitCli.init(project);
        git.run("add", "-A");
        git.run("commit", "-q", "-m", "start");
        String runbook = """
                mkdir -p redundancy_reduction_backups/20240101_120000
                BACKUP_DIR="redundancy_reduction_backups/20240101_120000"
                cp -r src/ "$BACKUP_DIR/src_backup/"
                cp -r tests/ "$BACKUP_DIR/tests_backup/"
                git checkout -q -b redundancy_reduction_phase_1_backup
                git add -A
                git commit -q -m "Backup before Phase 1 redundancy reduction"
                """; // (the runbook stays on that branch: checking out main again would delete the backup it committed)
        Map<String, String> env = new HashMap<>(env());
        env.put("LANG", "C.UTF-8");
        Launcher.Run made = Launcher.exec(project, runbook, env, List.of("bash", "-e"));
        assertThat(made.status()).as(made.err()).isZero();
        TestFiles.write(project, "src/batch_processor/progress_tracker.py", "broken(\n");

        Launcher.Run list = shell("backup", "list", "--json");
        assertThat(list.status()).isZero();
        JsonNode b = json(list).get(0);
        assertThat(b.get("id").asText()).isEqualTo("20240101_120000");
        assertThat(b.get("madeBy").asText()).isEqualTo("manual");
        assertThat(b.get("files").asInt()).isEqualTo(3);
        assertThat(shell("backup", "list").out()).contains("manual").contains("redundancy_reduction_phase_1_backup")
                .contains("Backup before Phase 1 redundancy reduction");

        Launcher.Run verify = shell("backup", "verify");
        assertThat(verify.status()).isZero();
        assertThat(verify.out()).contains("manual").contains("hashed now");
        Launcher.Run status = shell("status", "--json");
        assertThat(json(status).get("changed").get("modified").get(0).asText())
                .isEqualTo("src/batch_processor/progress_tracker.py");
        Launcher.Run diff = shell("diff", "src/batch_processor");
        assertThat(diff.out()).contains("+broken(").contains("-    pass");
    }

    @Test
    void outsideGitAMissingFolderAndBadInputGetClearMessagesAndExitCodes() throws IOException {
        Files.walk(project.resolve("tests")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Launcher.Run r = shell("backup", "create");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("skipped   tests: does not exist").contains("skipped   data: does not exist")
                .contains("no safety branch: not a git repository");

        Launcher.Run unknown = shell("backup", "show", "20990101_000000");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err().strip().lines()).hasSize(1);
        assertThat(unknown.err()).contains("no backup 20990101_000000");

        String id = json(shell("backup", "list", "--json")).get(0).get("id").asText();
        Path copy = project.resolve("redundancy_reduction_backups/" + id + "/src_backup/batch_processor/progress_tracker.py");
        copy.toFile().setWritable(true);
        Files.delete(copy);
        Launcher.Run verify = shell("backup", "verify", "--json");
        assertThat(verify.status()).isEqualTo(1);
        JsonNode p = json(verify).get("problems").get(0);
        assertThat(p.get("problem").asText()).isEqualTo("missing");
        assertThat(p.get("path").asText()).isEqualTo("src/batch_processor/progress_tracker.py");

        assertThat(shell("diff", "../outside").status()).isEqualTo(2);
        assertThat(shell("backup", "prune", "--keep", "1").status()).isZero(); // nothing to prune
    }

    @Test
    void twoRunsRacingForTheLockOneIsRefusedWithTheHoldersPidAndNothingIsDamaged() throws Exception {
        Path pause = Files.createFile(tmp.resolve("hold-the-lock"));
        Map<String, String> env = env();
        env.put("ROLLBACK_SHELL_JAVA_OPTS", "-Drollback.test.pauseAfterLock=" + pause);
        ProcessBuilder pb = Launcher.process(project, env, List.of(Launcher.script("rollback-shell").toString(), "backup", "create"));
        Path aOut = tmp.resolve("a.out");
        Path aErr = tmp.resolve("a.err");
        pb.redirectOutput(aOut.toFile()).redirectError(aErr.toFile());
        Process a = pb.start();
        try {
            Path lock = project.resolve(".rollback/lock");
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(lock) && Files.readString(lock).contains("pid="));

            Launcher.Run b = shell("backup", "create");
            assertThat(b.status()).isEqualTo(2);
            assertThat(b.out()).isEmpty();
            assertThat(b.err().strip().lines()).hasSize(1);
            assertThat(b.err()).contains("locked by another rollback-shell run (pid=" + a.pid())
                    .contains("doing=backup create");
        } finally {
            Files.deleteIfExists(pause);
            assertThat(a.waitFor(3, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(a.exitValue()).as(Files.readString(aErr)).isZero();
        assertThat(Files.readString(aOut, StandardCharsets.UTF_8)).contains("made (phase 1) and selected");

        JsonNode list = json(shell("backup", "list", "--json"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("complete").asBoolean()).isTrue();
        assertThat(shell("backup", "verify").status()).isZero();
        try (Stream<Path> s = Files.list(project.resolve("redundancy_reduction_backups"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
        assertThat(Files.readString(project.resolve(".rollback/lock"))).isEmpty(); // released
    }
}
