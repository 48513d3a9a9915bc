package dev.rollbackshell.shell.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.TestFiles;
import org.junit.jupiter.api.Test;

/** diagnose, suggest, verify through the shell: exit codes, session, refusals. */
class DiagnoseCommandsTest extends CommandTestBase {

    @Test
    void diagnoseWithoutABackupIsRefused() {
        Result r = run("diagnose");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).contains("no backups").contains("backup create");
    }

    @Test
    void suggestWithoutADiagnosisIsRefused() {
        Result r = run("suggest");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).contains("run 'diagnose' first");
    }

    @Test
    void diagnoseSuggestVerifyCompose() throws Exception {
        Athena.create(PROJECT);
        BackupFixtures.manual(PROJECT, Athena.BACKUP_ID, Athena.FOLDERS);
        TestFiles.write(PROJECT, "src/batch_processor/feedback_loop.py",
                "class FeedbackLoopManager:\n    def __init__(self, data_dir):\n        pass\n");

        Result d = run("diagnose", "--skip-tests");
        assertThat(d.status()).isEqualTo(1);
        JsonNode session = Json.MAPPER.readTree(PROJECT.resolve(".rollback/session.json").toFile());
        assertThat(session.at("/diagnosis/healthy").asBoolean()).isFalse();
        assertThat(session.at("/diagnosis/scenarios/0/id").asText()).isEqualTo("3B");
        assertThat(session.at("/events/0/kind").asText()).isEqualTo("diagnose");

        Result s = run("suggest");
        assertThat(s.status()).isZero();
        JsonNode sug = Json.MAPPER.readTree(PROJECT.resolve(".rollback/session.json").toFile()).at("/suggestions/suggestions");
        assertThat(sug.get(0).get("paths").get(0).asText()).isEqualTo("src/batch_processor/feedback_loop.py");
        assertThat(sug.get(0).get("actions").get(0).get("backupId").asText()).isEqualTo(Athena.BACKUP_ID);

        Result v = run("verify");
        assertThat(v.status()).isEqualTo(1);
        assertThat(PROJECT.resolve(".rollback/verify.json")).exists();
        assertThat(run("report").status()).isZero();
    }

    @Test
    void proveTakesOnlyAllAndNotTogetherWithNoProve() {
        Result r = run("suggest", "--prove", "some");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).contains("--prove takes 'all'");
        Result both = run("suggest", "--prove", "all", "--no-prove");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.error()).contains("contradict");
    }

    @Test
    void restoreSuggestionRightAfterDiagnoseProvesTheSuggestionsItself() throws Exception {
        Athena.create(PROJECT);
        BackupFixtures.manual(PROJECT, Athena.BACKUP_ID, Athena.FOLDERS);
        TestFiles.write(PROJECT, "src/batch_processor/feedback_loop.py",
                "class FeedbackLoopManager:\n    def __init__(self, data_dir):\n        pass\n");
        assertThat(run("diagnose", "--skip-tests").status()).isEqualTo(1);

        Result r = run("restore", "suggestion", "1", "--yes", "--json");
        assertThat(r.status()).as(r.screen()).isZero();
        JsonNode session = Json.MAPPER.readTree(PROJECT.resolve(".rollback/session.json").toFile());
        JsonNode top = session.at("/suggestions/suggestions/0");
        assertThat(top.at("/proof/status").asText()).isEqualTo("heals");
        assertThat(top.at("/proof/seconds").isNumber()).isTrue();
        assertThat(TestFiles.read(PROJECT, "src/batch_processor/feedback_loop.py")).doesNotContain("pass\n");
    }

    @Test
    void noProveGivesTheUnprovenList() throws Exception {
        Athena.create(PROJECT);
        BackupFixtures.manual(PROJECT, Athena.BACKUP_ID, Athena.FOLDERS);
        TestFiles.write(PROJECT, "src/batch_processor/feedback_loop.py",
                "class FeedbackLoopManager:\n    def __init__(self, data_dir):\n        pass\n");
        assertThat(run("diagnose", "--skip-tests").status()).isEqualTo(1);
        Result s = run("suggest", "--no-prove");
        assertThat(s.status()).isZero();
        assertThat(s.screen()).contains("proof:      not proven (--no-prove)");
        JsonNode doc = Json.MAPPER.readTree(PROJECT.resolve(".rollback/session.json").toFile()).at("/suggestions");
        assertThat(doc.at("/suggestions/0/proof/status").asText()).isEqualTo("not-tried");
        assertThat(doc.has("escalate")).isFalse();
    }
}
