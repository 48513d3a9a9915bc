package dev.rollbackshell.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.diagnose.Diagnosis;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.session.SessionState;
import dev.rollbackshell.testing.Athena;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code app/Diagnose} on the replica: the diagnosis kept in the session, its timeline line, the known-good search. */
class DiagnoseTest {

    @TempDir
    Path dir;

    @Test
    void aFiredTriggerIsKeptInTheSessionAndTheTimelineNamesScenarioAndFile() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        Diagnosis d = new Diagnose(r.cx).run(true, false, false);
        assertThat(d.healthy()).isFalse();
        assertThat(d.knownGood()).isNull();
        Diagnosis kept = r.cx.session().load().requireDiagnosis();
        assertThat(kept.tree()).isEqualTo(d.tree());
        assertThat(kept.scenarios().get(0).id()).isEqualTo("3B");
        SessionState.Event e = r.lastEvent();
        assertThat(e.kind()).isEqualTo("diagnose");
        assertThat(e.summary()).startsWith("fired ").contains(" against backup " + Athena.BACKUP_ID + "; scenario 3B")
                .contains(Replica.FEEDBACK);
        assertThat(e.exitStatus()).isEqualTo(1);
        assertThat(e.tree()).isEqualTo(d.tree());
        assertThat(r.cx.session().load().suggestions()).as("no suggestions without --find-good").isNull();
    }

    @Test
    void aHealthyReplicaIsRecordedAsHealthy() throws Exception {
        Replica r = Replica.create(dir, true);
        Diagnosis d = new Diagnose(r.cx).run(true, false, false);
        assertThat(d.healthy()).isTrue();
        assertThat(r.lastEvent().summary()).isEqualTo("healthy against backup " + Athena.BACKUP_ID);
        assertThat(r.lastEvent().exitStatus()).isZero();
    }

    @Test
    void findGoodFindsTheBackupAndOffersItAsTheSessionsSuggestionOne() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        Diagnosis d = new Diagnose(r.cx).run(true, false, true);
        assertThat(d.knownGood()).isNotNull();
        assertThat(d.knownGood().found()).as(d.knownGood().steps().toString()).isTrue();
        assertThat(r.events()).extracting(SessionState.Event::kind).containsExactly("diagnose", "find-good");
        assertThat(r.lastEvent().summary()).startsWith(d.knownGood().label() + " (");
        Suggestions offered = r.cx.session().load().requireSuggestions();
        assertThat(offered.suggestions()).hasSize(1);
        assertThat(offered.get(1).overwrites()).as("told what it would overwrite").contains(Replica.FEEDBACK);
        assertThat(r.cx.session().load().requireDiagnosis().knownGood()).isNotNull();
    }
}
