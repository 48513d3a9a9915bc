package dev.rollbackshell.shell.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
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
        Athena.manualBackup(PROJECT, Athena.BACKUP_ID);
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
}
