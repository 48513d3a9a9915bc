package dev.rollbackshell.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.Launcher;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups off the machine through the real launcher: push, a push killed half-way (the
 * process halts while sending), push again, then a fresh clone fetches them, restores a
 * file byte for byte and lists its history.
 */
class RemoteIT {

    @TempDir
    Path tmp;

    Launcher.Run shell(Path project, String javaOpts, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Launcher.script("rollback-shell").toString());
        cmd.add("-C");
        cmd.add(project.toString());
        cmd.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        if (javaOpts != null) {
            env.put("ROLLBACK_SHELL_JAVA_OPTS", javaOpts);
        }
        return Launcher.exec(project, null, env, cmd);
    }

    @Test
    void pushKilledHalfWayThenPushedThenFetchedOnTheNextRunnerAndRestored() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("athena"));
        GitCli git = GitCli.init(project);
        TestFiles.write(project, ".gitignore", "/redundancy_reduction_backups/\n/.rollback/\n");
        for (int i = 0; i < 40; i++) {
            TestFiles.write(project, "src/mod" + i + ".py", "def f():\n    return " + i + "\n");
        }
        TestFiles.write(project, "tests/test_mod.py", "def test():\n    pass\n");
        git.run("add", "-A");
        git.run("commit", "-q", "-m", "start");
        Path bare = tmp.resolve("origin.git");
        GitCli.initBare(bare);
        git.run("remote", "add", "origin", bare.toString());
        git.run("push", "-q", "origin", "main");
        // the backup's content differs from what the remote has, so the push has objects to send
        TestFiles.write(project, "src/mod7.py", "def f():\n    return 'the good version'\n");
        byte[] good = Files.readAllBytes(project.resolve("src/mod7.py"));

        Launcher.Run made = shell(project, null, "backup", "create", "--no-baseline", "--json");
        assertThat(made.status()).as(made.err()).isZero();
        String id = Json.MAPPER.readTree(made.out()).get("backup").get("id").asText();

        Launcher.Run killed = shell(project, "-Drollback.test.haltPushAfterObjects=2", "backup", "push");
        assertThat(killed.status()).isEqualTo(137);
        GitCli remote = new GitCli(bare);
        assertThat(remote.run("for-each-ref", "refs/rollback/")).isEmpty(); // no ref names a partial backup
        assertThat(remote.run("for-each-ref", "refs/heads/redundancy_reduction_phase_1_backup")).isEmpty();

        Launcher.Run pushed = shell(project, null, "backup", "push", "--json");
        assertThat(pushed.status()).as(pushed.err()).isZero();
        JsonNode p = Json.MAPPER.readTree(pushed.out());
        assertThat(p.get("backups").get(0).get("id").asText()).isEqualTo(id);
        assertThat(p.get("objects").asInt()).isPositive();
        assertThat(remote.run("for-each-ref", "--format=%(refname)", "refs/rollback/"))
                .contains("refs/rollback/backups/" + id);

        Launcher.Run unknown = shell(project, null, "backup", "push", "upstream");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err().strip().lines()).hasSize(1);
        assertThat(unknown.err()).contains("no git remote upstream");

        // the next runner: a fresh clone
        Path runner = tmp.resolve("runner");
        new GitCli(tmp).run("clone", "-q", bare.toString(), runner.toString());
        Launcher.Run listed = shell(runner, null, "backup", "list", "--remote", "--json");
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(Json.MAPPER.readTree(listed.out()).get("backups").get(0).get("here").asBoolean()).isFalse();
        Launcher.Run fetched = shell(runner, null, "backup", "fetch", "--json");
        assertThat(fetched.status()).as(fetched.err()).isZero();
        assertThat(Json.MAPPER.readTree(fetched.out()).get("fetched").get(0).get("id").asText()).isEqualTo(id);
        assertThat(runner.resolve("src/mod7.py")).hasContent("def f():\n    return 7\n");
        Launcher.Run restored = shell(runner, null, "restore", "file", "src/mod7.py", "--from", id);
        assertThat(restored.status()).as(restored.err()).isZero();
        assertThat(Files.readAllBytes(runner.resolve("src/mod7.py"))).isEqualTo(good);

        Launcher.Run log = shell(runner, null, "backup", "log", "src/mod7.py", "--json");
        assertThat(log.status()).as(log.err()).isZero();
        JsonNode versions = Json.MAPPER.readTree(log.out()).get("versions");
        assertThat(versions.get(0).get("source").asText()).isEqualTo("project");
        assertThat(versions.get(0).get("current").asBoolean()).isTrue();
        List<String> sources = new ArrayList<>();
        versions.forEach(v -> sources.add(v.get("source").asText() + ":" + v.get("current").asBoolean()));
        assertThat(sources).contains("backup:true", "git:false");
    }
}
