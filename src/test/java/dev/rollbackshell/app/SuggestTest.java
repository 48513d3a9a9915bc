package dev.rollbackshell.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.diagnose.Proof;
import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.scratch.Prover;
import dev.rollbackshell.session.SessionState;
import dev.rollbackshell.testing.Athena;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code app/Suggest} on the replica: proven or not, kept in the session, its timeline line, the refusals. */
class SuggestTest {

    @TempDir
    Path dir;

    @Test
    void withoutADiagnosisItIsRefusedAndNothingIsRecorded() throws Exception {
        Replica r = Replica.create(dir, true);
        assertThatThrownBy(() -> new Suggest(r.cx).run(Prover.Mode.UNTIL_HEALED)).isInstanceOf(RollbackException.class)
                .hasMessageContaining("run 'diagnose' first");
        assertThat(r.events()).isEmpty();
    }

    @Test
    void theProvenSuggestionsAreKeptAndTheTimelineNamesTheFirst() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        new Diagnose(r.cx).run(true, false, false);
        Suggestions s = new Suggest(r.cx).run(Prover.Mode.UNTIL_HEALED);
        Suggestion top = s.get(1);
        assertThat(top.paths()).containsExactly(Replica.FEEDBACK);
        assertThat(top.proof().heals()).as(top.proof().text()).isTrue();
        assertThat(s.escalate()).isNull();
        assertThat(r.cx.session().load().requireSuggestions().get(1).proof().heals()).as("kept in the session").isTrue();
        SessionState.Event e = r.lastEvent();
        assertThat(e.kind()).isEqualTo("suggest");
        assertThat(e.summary()).isEqualTo(s.suggestions().size() + " suggestions; 1: " + top.kind() + " " + top.paths()
                + ", " + top.proof().text());
        assertThat(e.exitStatus()).isZero();
        assertThat(r.read(Replica.FEEDBACK)).as("proving never touches the project").contains("pass\n");
    }

    @Test
    void noneLeavesThemUnproven() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        new Diagnose(r.cx).run(true, false, false);
        Suggestions s = new Suggest(r.cx).run(Prover.Mode.NONE);
        assertThat(s.suggestions()).isNotEmpty().allMatch(x -> x.proof().status() == Proof.Status.NOT_TRIED);
        assertThat(s.escalate()).isNull();
    }

    @Test
    void aDiagnosisWhoseBackupIsGoneIsRefused() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        new Diagnose(r.cx).run(true, false, false);
        Path backups = dir.resolve("redundancy_reduction_backups");
        Files.move(backups.resolve(Athena.BACKUP_ID), dir.resolve("moved-away"));
        assertThatThrownBy(() -> new Suggest(r.cx).run(Prover.Mode.NONE)).isInstanceOf(RollbackException.class)
                .hasMessageContaining("backup " + Athena.BACKUP_ID + " of the latest diagnosis no longer exists");
    }
}
