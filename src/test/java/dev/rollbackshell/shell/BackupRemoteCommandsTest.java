package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;

/** {@code backup push|fetch|list --remote|log} and prune's care for unpushed backups, through the test client. */
class BackupRemoteCommandsTest extends CommandTestBase {

    @Autowired
    org.springframework.shell.Shell shell;

    static final Path REMOTES = createRemotes();
    Path bare;
    GitCli git;

    static Path createRemotes() {
        try {
            return Files.createTempDirectory("rollback-remotes").toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void repository() throws IOException {
        git = GitCli.init(PROJECT);
        TestFiles.write(PROJECT, "src/app.py", "a = 1\n");
        TestFiles.write(PROJECT, "src/pkg/util.py", "def f():\n    return 1\n");
        TestFiles.write(PROJECT, "tests/test_app.py", "def test():\n    pass\n");
        TestFiles.write(PROJECT, ".gitignore", "redundancy_reduction_backups/\n.rollback/\n");
        age();
        git.run("add", "-A");
        git.run("commit", "-q", "-m", "initial");
        TestFiles.deleteContents(REMOTES);
        bare = REMOTES.resolve("origin.git");
        GitCli.initBare(bare);
        git.run("remote", "add", "origin", bare.toString());
        git.run("push", "-q", "origin", "main");
    }

    static void age() throws IOException {
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        try (Stream<Path> s = Files.walk(PROJECT)) {
            for (Path p : s.filter(p -> !p.startsWith(PROJECT.resolve(".git"))
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (Files.getLastModifiedTime(p).toInstant().isAfter(hourAgo)) {
                    Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
                }
            }
        }
    }

    String create(String... extra) {
        List<String> words = new ArrayList<>(List.of("backup", "create", "--no-baseline"));
        words.addAll(List.of(extra));
        Result r = run(words.toArray(String[]::new));
        assertThat(r.status()).as(r.error()).isZero();
        try {
            JsonNode list = Json.MAPPER.readTree(run("backup", "list", "--json").screen());
            return list.get(list.size() - 1).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(Result r) throws IOException {
        assertThat(r.status()).as(r.error()).isLessThan(2);
        return Json.MAPPER.readTree(r.screen());
    }

    static void waitASecond() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void pushThenFetchOnAFreshCloneThenRestoreAFileFromItByteForByte() throws IOException {
        byte[] original = Files.readAllBytes(PROJECT.resolve("src/pkg/util.py"));
        String id = create("--phase", "2");
        Result push = run("backup", "push");
        assertThat(push.status()).as(push.error()).isZero();
        assertThat(push.screen()).contains("pushed to origin (" + bare + "): 1 backup sent, 0 already there")
                .contains(id).contains("safety branches: redundancy_reduction_phase_2_backup");
        Result again = run("backup", "push", "origin", id, "--json");
        assertThat(json(again).get("backups").get(0).get("status").asText()).isEqualTo("ALREADY_THERE");

        // the next runner: a fresh clone, nothing else
        TestFiles.deleteContents(PROJECT);
        new GitCli(REMOTES).run("clone", "-q", bare.toString(), PROJECT.toString());
        Result remoteList = run("backup", "list", "--remote");
        assertThat(remoteList.status()).as(remoteList.error()).isZero();
        assertThat(remoteList.screen()).contains("origin (" + bare + ") holds 1 backup").contains(id)
                .contains("no ('backup fetch' brings it)");
        assertThat(PROJECT.resolve("redundancy_reduction_backups")).doesNotExist();
        Result named = run("backup", "list", "--remote", "origin", "--json");
        assertThat(json(named).get("backups").get(0).get("id").asText()).isEqualTo(id);

        Result fetch = run("backup", "fetch", "origin");
        assertThat(fetch.status()).as(fetch.error()).isZero();
        assertThat(fetch.screen()).contains("fetched from origin (" + bare + "): 1 backup").contains(id);
        Result list = run("backup", "list");
        assertThat(list.screen()).contains("tool, fetched from origin");
        JsonNode listJson = json(run("backup", "list", "--json"));
        assertThat(listJson.get(0).get("fetchedFrom").asText()).isEqualTo("origin");
        assertThat(listJson.get(0).get("madeBy").asText()).isEqualTo("tool");
        assertThat(run("backup", "show", id).screen()).contains("fetched from origin");
        assertThat(run("backup", "verify", id).status()).isZero();

        Files.writeString(PROJECT.resolve("src/pkg/util.py"), "broken\n");
        Result restore = run("restore", "file", "src/pkg/util.py", "--from", id);
        assertThat(restore.status()).as(restore.error()).isZero();
        assertThat(Files.readAllBytes(PROJECT.resolve("src/pkg/util.py"))).isEqualTo(original);
    }

    @Test
    void aBackupChangedOnTheRemoteIsRefusedExit1NamingTheFilesAndTheOthersStillCome() throws IOException {
        String bad = create("--no-git");
        waitASecond();
        TestFiles.write(PROJECT, "src/app.py", "a = 2\n");
        age();
        String good = create("--no-git");
        assertThat(run("backup", "push", "--all").status()).isZero();
        new GitCli(bare).rewrite("refs/rollback/backups/" + bad, "src_backup/pkg/util.py",
                "def f():\n    return 666\n");
        new GitCli(bare).rewrite("refs/rollback/backups/" + bad, "tests_backup/test_app.py",
                "def test():\n    assert False\n");

        TestFiles.deleteContents(PROJECT);
        new GitCli(REMOTES).run("clone", "-q", bare.toString(), PROJECT.toString());
        Result fetch = run("backup", "fetch");
        assertThat(fetch.status()).isEqualTo(1);
        assertThat(fetch.screen() + fetch.error()).contains(bad)
                .contains("src/pkg/util.py: its content does not match the manifest's SHA-256")
                .contains("tests/test_app.py: its content does not match the manifest's SHA-256");
        assertThat(PROJECT.resolve("redundancy_reduction_backups").resolve(bad)).doesNotExist();
        assertThat(PROJECT.resolve("redundancy_reduction_backups").resolve(good).resolve("src_backup/app.py"))
                .hasContent("a = 2\n");
        // again, now that the good backup is here: its copies of the same files lend no content to the bad one
        JsonNode again = json(run("backup", "fetch", "--json"));
        assertThat(again.get("refused").get(0).get("id").asText()).isEqualTo(bad);
        assertThat(again.get("refused").get(0).get("problems").toString()).contains("src/pkg/util.py");
        try (Stream<Path> s = Files.list(PROJECT.resolve("redundancy_reduction_backups"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly(good); // no half-built folder
        }
    }

    @Test
    void anUnknownRemoteIsOneLineExit2AndNothingChanges() {
        create();
        Result r = run("backup", "push", "orign");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).contains("no git remote orign; did you mean origin?");
        assertThat(PROJECT.resolve(".rollback/remotes.json")).doesNotExist();
        assertThat(run("backup", "fetch", "nowhere").status()).isEqualTo(2);
        assertThat(run("backup", "list", "--remote", "nowhere").status()).isEqualTo(2);
        Result bad = run("backup", "push", "origin", "not-an-id");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.error()).contains("is not a backup id");
    }

    @Test
    void pruneKeepsTheBackupsNoRemoteHoldsUnlessYes() throws IOException {
        String pushed = create();
        assertThat(run("backup", "push").status()).isZero();
        waitASecond();
        TestFiles.write(PROJECT, "src/app.py", "a = 2\n");
        String unpushed = create();
        waitASecond();
        TestFiles.write(PROJECT, "src/app.py", "a = 3\n");
        String newest = create();
        assertThat(run("backup", "push", newest).status()).isZero();

        Result dry = run("backup", "prune", "--keep", "1", "--dry-run");
        assertThat(dry.screen()).contains(unpushed).contains("the only copy: never pushed").contains(pushed);
        assertThat(dry.screen().replaceAll("(?s).*(delete|would)", "")).isNotNull();
        Result yes = run("backup", "prune", "--keep", "1", "--yes");
        assertThat(yes.status()).as(yes.error()).isZero();
        assertThat(PROJECT.resolve("redundancy_reduction_backups").resolve(unpushed)).doesNotExist();
        assertThat(PROJECT.resolve("redundancy_reduction_backups").resolve(pushed)).doesNotExist();
        assertThat(PROJECT.resolve("redundancy_reduction_backups").resolve(newest)).isDirectory();
    }

    @Test
    void logListsIdenticalChangedDeletedAndReAddedVersionsNewestFirst() throws IOException {
        String v1 = "a = 1\n";
        String b1 = create("--no-git");
        waitASecond();
        String b2 = create("--no-git"); // identical
        waitASecond();
        TestFiles.write(PROJECT, "src/app.py", "a = 2  # changed\n");
        age();
        git.run("commit", "-q", "-am", "change app");
        String b3 = create("--no-git");
        waitASecond();
        Files.delete(PROJECT.resolve("src/app.py"));
        String b4 = create("--no-git");
        waitASecond();
        TestFiles.write(PROJECT, "src/app.py", v1); // re-added as it first was
        age();

        JsonNode log = json(run("backup", "log", "src/app.py", "--json"));
        assertThat(log.get("path").asText()).isEqualTo("src/app.py");
        List<String> rows = new ArrayList<>();
        for (JsonNode v : log.get("versions")) {
            rows.add(v.get("source").asText() + " " + v.get("id").asText() + " " + (v.get("sha256").isNull() ? "deleted"
                    : v.get("sha256").asText().substring(0, 6)) + " " + v.get("current").asBoolean());
            assertThat(v.has("date")).isTrue();
            assertThat(v.has("size")).isTrue();
        }
        String sha1 = dev.rollbackshell.backup.Hashing.sha256(v1.getBytes()).substring(0, 6);
        String sha2 = dev.rollbackshell.backup.Hashing.sha256("a = 2  # changed\n".getBytes()).substring(0, 6);
        assertThat(rows.get(0)).isEqualTo("project working tree " + sha1 + " true");
        assertThat(rows).contains("backup " + b4 + " deleted false", "backup " + b3 + " " + sha2 + " false",
                "backup " + b2 + " " + sha1 + " true", "backup " + b1 + " " + sha1 + " true");
        assertThat(rows.indexOf("backup " + b4 + " deleted false")).isLessThan(rows.indexOf("backup " + b3 + " " + sha2 + " false"));
        assertThat(rows.indexOf("backup " + b2 + " " + sha1 + " true")).isLessThan(rows.indexOf("backup " + b1 + " " + sha1 + " true"));
        assertThat(rows.stream().filter(r -> r.startsWith("git ")).toList()).hasSize(2); // two commits touched it

        Result text = run("backup", "log", "src/app.py");
        assertThat(text.screen()).contains("src/app.py: 6 versions in the backups and git, 2 distinct contents")
                .contains("v1 = current").contains("deleted").contains("v2");
        Result none = run("backup", "log", "src/nothing.py");
        assertThat(none.status()).isEqualTo(2);
        assertThat(run("backup", "log", "../etc/passwd").status()).isEqualTo(2);

        // completion: backup log offers the backups' paths; restore file PATH --from offers the ids holding it
        assertThat(complete("backup log", List.of("backup", "log", "src/"), 2, "src/"))
                .contains("src/app.py", "src/pkg/");
        assertThat(complete("restore file", List.of("restore", "file", "src/app.py", "--from", ""), 4, ""))
                .contains(b1, b2, b3).doesNotContain(b4);
    }

    List<String> complete(String command, List<String> words, int index, String current) {
        // through the shell, which finds the command and hands the resolvers the words after it
        CompletionContext ctx = new CompletionContext(words, index, current.length(), null, null);
        return shell.complete(ctx).stream().map(CompletionProposal::value).toList();
    }
}
