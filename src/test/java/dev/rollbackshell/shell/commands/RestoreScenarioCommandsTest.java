package dev.rollbackshell.shell.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollbackshell.json.Json;
import dev.rollbackshell.testing.BackupFixtures;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.CommandTestBase;
import dev.rollbackshell.testing.GitCli;
import dev.rollbackshell.testing.TestFiles;
import dev.rollbackshell.testing.TreeSnapshot;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code restore scenario ID} through the shell: the runbook's restore of one scenario, from
 * the backup and from git in one undoable journal entry, then verify; the nuclear option
 * asks; an unknown id is refused with the ids there are.
 */
class RestoreScenarioCommandsTest extends CommandTestBase {

    private static final String TRACKER = "src/batch_processor/progress_tracker.py";
    private static final String CONTROLLER = "src/batch_processor/dynamic_scaling_controller.py";
    private static final String OLD_IMPORT = "from src.batch_processor.progress_tracker import ProgressTracker";

    private Map<String, String> good;

    /** Phase 1 as the runbook tells it: the tracker deleted and its importer rewritten, committed; the backup before it. */
    @BeforeEach
    void phaseOneCommitted() throws Exception {
        Athena.create(PROJECT);
        Files.createDirectories(PROJECT.resolve(".git/info"));
        {
            GitCli git = GitCli.init(PROJECT);
            Files.writeString(PROJECT.resolve(".git/info/exclude"), "redundancy_reduction_backups/\n.rollback/\n");
            git.commitAll("before phase 1");
            BackupFixtures.manual(PROJECT, Athena.BACKUP_ID, Athena.FOLDERS);
            good = TreeSnapshot.contentOf(PROJECT);
            Files.delete(PROJECT.resolve(TRACKER));
            TestFiles.write(PROJECT, CONTROLLER, TestFiles.read(PROJECT, CONTROLLER)
                    .replace(OLD_IMPORT, "from src.progress_tracking.tracker import ProgressTracker"));
            git.commitAll("phase 1: progress tracking consolidated");
        }
    }

    @Test
    void scenarioOneARestoresFromTheBackupAndFromGitAsOneEntryVerifiesAndUndoes() throws Exception {
        Map<String, String> broken = TreeSnapshot.of(PROJECT);
        Result r = run("restore", "scenario", "1A", "--json");
        assertThat(r.status()).as(r.error()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.screen());
        assertThat(doc.get("applied").asText()).startsWith("scenario 1A");
        assertThat(doc.get("restores")).hasSize(2);
        assertThat(doc.at("/restores/0/source/kind").asText()).isEqualTo("backup");
        assertThat(doc.at("/restores/1/source/kind").asText()).isEqualTo("git");
        assertThat(doc.at("/verification/ok").asBoolean()).as(r.screen()).isTrue();
        assertThat(TreeSnapshot.contentOf(PROJECT)).isEqualTo(good);

        // one journal entry for both sources: one undo puts phase 1 back as it was
        Result u = run("undo");
        assertThat(u.status()).as(u.error()).isZero();
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(broken);
    }

    @Test
    void aDryRunChangesNothingAndTheTextSaysWhatItWouldWrite() {
        Map<String, String> broken = TreeSnapshot.of(PROJECT);
        Result r = run("restore", "scenario", "1A", "--dry-run");
        assertThat(r.status()).as(r.error()).isZero();
        assertThat(r.screen()).contains("dry run, nothing was changed").contains(TRACKER).contains(CONTROLLER);
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(broken);
    }

    @Test
    void theNuclearOptionIsRefusedWithoutConfirmationAndNothingChanges() {
        Map<String, String> broken = TreeSnapshot.of(PROJECT);
        Result r = run("restore", "scenario", "nuclear");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).contains("refused without confirmation").contains("--yes");
        assertThat(TreeSnapshot.of(PROJECT)).isEqualTo(broken);
    }

    @Test
    void anUnknownScenarioIsRefusedNamingTheNearestOne() {
        Result r = run("restore", "scenario", "1Z");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.error()).contains("no scenario 1Z in the plan").contains("did you mean");
    }
}
