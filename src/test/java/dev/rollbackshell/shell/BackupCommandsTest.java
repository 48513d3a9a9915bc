package dev.rollbackshell.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backup, status and diff commands through Spring Shell's test client. */
class BackupCommandsTest extends CommandTestBase {

    @BeforeEach
    void sample() throws IOException {
        TestFiles.write(PROJECT, "src/batch_processor/progress_tracker.py", "class ProgressTracker:\n    pass\n");
        TestFiles.write(PROJECT, "src/app.py", "a = 1\nb = 2\nc = 3\n");
        TestFiles.write(PROJECT, "tests/test_app.py", "def test():\n    pass\n");
        try (Stream<Path> s = Files.walk(PROJECT)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
            }
        }
    }

    JsonNode json(Result r) throws IOException {
        assertThat(r.status()).as(r.error()).isLessThan(2);
        return Json.MAPPER.readTree(r.screen());
    }

    String create() {
        Result r = run("backup", "create", "--no-baseline");
        assertThat(r.status()).as(r.error()).isZero();
        return r.screen().replaceAll("(?s).*backup (\\d{8}_\\d{6}(_\\d+)?) made.*", "$1");
    }

    @Test
    void createSaysWhatItCopiedSkippedAndWhyThereIsNoBranch() {
        Result r = run("backup", "create", "--phase", "2", "--message", "before phase 2");
        assertThat(r.status()).as(r.error()).isZero();
        assertThat(r.screen()).containsPattern("backup \\d{8}_\\d{6} made \\(phase 2\\) and selected")
                .contains("skipped   data: does not exist")
                .contains("no safety branch: not a git repository")
                .contains("3: 3 copied");
        Result list = run("backup", "list");
        // the age is counted from the backup's start; its baseline checks may take a while on a loaded machine
        assertThat(list.screen()).contains("*  ").contains("tool").containsPattern("just now|\\d+ s ago|\\d+ min ago");
    }

    @Test
    void aBaselineTakenOnABrokenProjectIsCalledUnhealthyInListShowAndJson() throws IOException {
        // this sample lacks the runbook's modules: the built-in plan's import checks fail when the backup is made
        Result made = run("backup", "create");
        assertThat(made.status()).as(made.error()).isZero();
        String id = made.screen().replaceAll("(?s).*backup (\\d{8}_\\d{6}(_\\d+)?) made.*", "$1");

        assertThat(run("backup", "list").screen()).contains("unhealthy").contains("baseline: unhealthy: the checks failed");
        assertThat(run("backup", "show", id).screen()).contains("unhealthy: ").contains("cannot tell regressions");
        JsonNode shown = json(run("backup", "show", id, "--json"));
        assertThat(shown.get("id").asText()).isEqualTo(id);
        assertThat(shown.get("baselineUnhealthy")).isNotEmpty();
        assertThat(shown.has("fetchedFrom")).as("made here, not fetched").isFalse();
        JsonNode listed = json(run("backup", "list", "--json"));
        assertThat(listed.get(0).get("baselineUnhealthy")).isEqualTo(shown.get("baselineUnhealthy"));
    }

    @Test
    void aSafetyBranchThatGitFailsToMakeIsExitOneAndSaidPlainly() throws Exception {
        dev.rollbackshell.testing.GitCli.init(PROJECT);
        TestFiles.deleteContents(PROJECT.resolve(".git/objects"));
        Files.delete(PROJECT.resolve(".git/objects"));
        Files.writeString(PROJECT.resolve(".git/objects"), "not a folder\n"); // git can store no object, as on a full disk
        Result r = run("backup", "create", "--no-baseline");
        assertThat(r.status()).as(r.screen()).isEqualTo(1);
        assertThat(r.screen()).contains("no safety branch: git could not make it"); // and a line on stderr says what to do
        assertThat(run("backup", "list").screen()).contains("tool");
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingIsWritten() {
        assertThat(run("backup", "create", "--phase", "0").status()).isEqualTo(2);
        assertThat(run("backup", "create", "--phase", "two").status()).isEqualTo(2);
        assertThat(run("backup", "prune", "--keep", "0").status()).isEqualTo(2);
        assertThat(PROJECT.resolve("redundancy_reduction_backups")).doesNotExist();
    }

    @Test
    void listJsonHasTheStableFields() throws IOException {
        String id = create();
        JsonNode list = json(run("backup", "list", "--json"));
        assertThat(list.isArray()).isTrue();
        JsonNode b = list.get(0);
        List<String> names = new ArrayList<>();
        b.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("id", "phase", "madeBy", "complete", "files", "bytes", "newBytes", "gitRef",
                "selected");
        assertThat(b.get("id").asText()).isEqualTo(id);
        assertThat(b.get("madeBy").asText()).isEqualTo("tool");
        assertThat(b.get("complete").asBoolean()).isTrue();
        assertThat(b.get("files").asInt()).isEqualTo(3);
        assertThat(b.get("selected").asBoolean()).isTrue();
        assertThat(b.get("gitRef").isNull()).isTrue();
        assertThat(b.get("phase").asInt()).isEqualTo(1);
    }

    @Test
    void aHandMadeBackupIsListedAsManualAndVerifiedOnFirstUse() throws IOException {
        TestFiles.write(PROJECT, "redundancy_reduction_backups/20240101_120000/src_backup/app.py", "a = 0\n");
        JsonNode list = json(run("backup", "list", "--json"));
        assertThat(list.get(0).get("madeBy").asText()).isEqualTo("manual");
        Result v = run("backup", "verify", "20240101_120000");
        assertThat(v.status()).isZero();
        assertThat(v.screen()).contains("is manual").contains("hashed now");
        assertThat(run("backup", "select", "20240101_120000").status()).isZero();
        Result d = run("diff", "src/app.py");
        assertThat(d.screen()).contains("-a = 0").contains("+a = 1");
    }

    @Test
    void showTakesAnIdOrTheSelectedOneAndRefusesUnknownIds() throws IOException {
        String id = create();
        assertThat(run("backup", "show").screen()).contains("backup      " + id + " (selected)");
        JsonNode shown = json(run("backup", "show", id, "--json"));
        assertThat(shown.get("id").asText()).isEqualTo(id);
        assertThat(shown.get("folders")).hasSize(2);
        // the id with its last digit changed (a typo), never the id itself
        Result unknown = run("backup", "show", id.substring(0, 14) + (id.charAt(14) == '9' ? "8" : "9"));
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.error()).contains("no backup").contains("did you mean " + id);
    }

    @Test
    void verifyFindsTamperingAndExitsOne() throws IOException {
        String id = create();
        JsonNode ok = json(run("backup", "verify", "--json"));
        assertThat(ok.get("ok").asBoolean()).isTrue();
        assertThat(ok.get("checked").asInt()).isEqualTo(3);

        Path copy = PROJECT.resolve("redundancy_reduction_backups/" + id + "/src_backup/app.py");
        copy.toFile().setWritable(true);
        Files.writeString(copy, "tampered\n");
        Result bad = run("backup", "verify", "--json");
        assertThat(bad.status()).isEqualTo(1);
        JsonNode doc = Json.MAPPER.readTree(bad.screen());
        assertThat(doc.get("ok").asBoolean()).isFalse();
        JsonNode p = doc.get("problems").get(0);
        assertThat(p.get("backup").asText()).isEqualTo(id);
        assertThat(p.get("path").asText()).isEqualTo("src/app.py");
        assertThat(p.get("problem").asText()).isEqualTo("modified");
        Result text = run("backup", "verify", "--all");
        assertThat(text.status()).isEqualTo(1);
        assertThat(text.screen()).contains("1 problem").contains("src/app.py").contains("modified");
        assertThat(run("backup", "verify", id, "--all").status()).isEqualTo(2);
    }

    @Test
    void verifySampleNamesTheFilesItReadInTextAndJsonAndRefusesABadPercent() throws IOException {
        String id = create();
        Result text = run("backup", "verify", "--sample", "50");
        assertThat(text.status()).isZero();
        assertThat(text.screen()).contains("sampled 2 files (50% of those with content").contains(id + "/")
                .contains("3 entries checked, all match");
        JsonNode doc = json(run("backup", "verify", "--sample", "100", "--json"));
        assertThat(doc.get("samplePercent").asDouble()).isEqualTo(100.0);
        assertThat(doc.get("read")).hasSize(3);
        assertThat(doc.get("read").get(0).asText()).startsWith(id + "/");
        assertThat(json(run("backup", "verify", "--json")).get("read").isNull()).isTrue();
        Result bad = run("backup", "verify", "--sample", "0");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.error()).contains("--sample takes a percentage");
    }

    @Test
    void pruneNeedsYesOutsideTheShellAndNeverDeletesTheSelectedOrNewest() throws IOException {
        String a = create();
        String b = create();
        String c = create();
        assertThat(run("backup", "select", a).status()).isZero();

        Result dry = run("backup", "prune", "--keep", "1", "--dry-run");
        assertThat(dry.status()).isZero();
        assertThat(dry.screen()).contains("would delete 1 backup").contains(b).contains("selected");

        Result refused = run("backup", "prune", "--keep", "1");
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.error()).contains("--yes");
        assertThat(backupIds()).containsExactly(a, b, c);

        Result done = run("backup", "prune", "--keep", "1", "--yes");
        assertThat(done.status()).as(done.error()).isZero();
        assertThat(done.screen()).contains("deleted 1 backup (" + b + ")");
        assertThat(backupIds()).containsExactly(a, c);
        assertThat(run("backup", "prune", "--keep", "1", "--yes").screen()).contains("nothing to prune");
    }

    @Test
    void statusReportsChangesSinceTheSelectedBackup() throws IOException {
        JsonNode none = json(run("status", "--json"));
        assertThat(none.get("selectedBackup").isNull()).isTrue();
        String id = create();
        TestFiles.write(PROJECT, "src/app.py", "a = 1\nb = 20\nc = 3\n");
        TestFiles.write(PROJECT, "src/new.py", "new\n");
        Files.delete(PROJECT.resolve("tests/test_app.py"));
        JsonNode s = json(run("status", "--json"));
        List<String> names = new ArrayList<>();
        s.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("project", "plan", "selectedBackup", "changed", "diagnosis");
        assertThat(s.get("project").asText()).isEqualTo(PROJECT.toString());
        assertThat(s.get("selectedBackup").asText()).isEqualTo(id);
        assertThat(s.get("changed").get("added").get(0).asText()).isEqualTo("src/new.py");
        assertThat(s.get("changed").get("modified").get(0).asText()).isEqualTo("src/app.py");
        assertThat(s.get("changed").get("deleted").get(0).asText()).isEqualTo("tests/test_app.py");
        assertThat(s.get("diagnosis").isNull()).isTrue();
        Result text = run("status");
        assertThat(text.screen()).contains("1 added, 1 modified, 1 deleted").contains("modified  src/app.py")
                .contains("none yet (run 'diagnose')");
    }

    @Test
    void diffShowsUnifiedDiffsStatAndJsonAndRefusesPathsOutside() throws IOException {
        create();
        TestFiles.write(PROJECT, "src/app.py", "a = 1\nb = 20\nc = 3\n");
        Result d = run("diff");
        assertThat(d.status()).isZero();
        assertThat(d.screen()).contains("--- a/src/app.py").contains("+++ b/src/app.py").contains("-b = 2")
                .contains("+b = 20").contains("@@ -1,3 +1,3 @@");
        assertThat(run("diff", "--stat").screen()).contains("src/app.py").contains("1 file changed, 1 insertion(+), 1 deletion(-)");
        JsonNode j = json(run("diff", "src", "--json"));
        assertThat(j.get("files").get(0).get("path").asText()).isEqualTo("src/app.py");
        assertThat(j.get("files").get(0).get("insertions").asInt()).isEqualTo(1);
        assertThat(run("diff", "tests").screen()).contains("no differences");
        assertThat(run("diff", "../etc/passwd").status()).isEqualTo(2);
        assertThat(run("diff", "/etc/passwd").status()).isEqualTo(2);
        assertThat(run("diff", "src/nope.py").error()).contains("no src/nope.py");
    }

    List<String> backupIds() throws IOException {
        try (Stream<Path> s = Files.list(PROJECT.resolve("redundancy_reduction_backups"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
