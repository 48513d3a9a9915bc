package dev.rollbackshell.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.session.SessionState;
import dev.rollbackshell.testing.Athena;
import dev.rollbackshell.testing.TreeSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code app/RestoreScenario} on the replica, without git: scenario 3B restores the feedback
 * loop from the backup, verifies, records; its next steps are the result's notes.
 */
class RestoreScenarioTest {

    @TempDir
    Path dir;

    @Test
    void scenarioThreeBRestoresFromTheBackupVerifiesAndRecords() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();

        RestoreScenario use = new RestoreScenario(r.cx);
        RestoreScenario.Chosen c = use.choose("3b");
        assertThat(c.label()).isEqualTo("scenario 3B (Feedback Loop Oversimplified)");
        assertThat(c.backup().id()).isEqualTo(Athena.BACKUP_ID);
        assertThat(c.nuclear()).isFalse();
        List<RestoreOutcome> shown = new ArrayList<>();
        RestoreOutcome o = use.apply(c, false, shown::add);

        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).verification()).isNull();
        assertThat(shown.get(0).notes()).as("next steps come after the verification").isEmpty();
        assertThat(o.verification().ok()).as(o.verification().summary()).isTrue();
        assertThat(o.worse()).isNull();
        assertThat(o.notes()).isEqualTo(c.scenario().nextSteps(false));
        assertThat(r.read(Replica.FEEDBACK)).isEqualTo(Athena.FILES.get(Replica.FEEDBACK));
        assertThat(r.events()).extracting(SessionState.Event::kind).containsExactly("restore", "verify");
        assertThat(r.events().get(0).summary()).startsWith(c.label() + ": 1 written, 0 removed (journal entry ");
    }

    @Test
    void theNuclearOptionIsKnownAsSuchAndADryRunChangesNothing() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        Map<String, String> before = TreeSnapshot.of(dir);
        RestoreScenario use = new RestoreScenario(r.cx);
        RestoreScenario.Chosen nuclear = use.choose("nuclear");
        assertThat(nuclear.nuclear()).isTrue();
        assertThat(nuclear.scenario().paths()).contains("src");

        List<RestoreOutcome> shown = new ArrayList<>();
        RestoreOutcome o = use.apply(nuclear, true, shown::add);
        assertThat(o.verification()).isNull();
        assertThat(o.notes()).isEqualTo(nuclear.scenario().notes());
        assertThat(o.restores()).isNotEmpty();
        assertThat(shown).isEmpty();
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);
        assertThat(r.events()).isEmpty();
    }
}
