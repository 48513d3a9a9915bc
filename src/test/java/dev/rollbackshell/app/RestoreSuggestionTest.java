package dev.rollbackshell.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollbackshell.project.RollbackException;
import dev.rollbackshell.scratch.Prover;
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
 * {@code app/RestoreSuggestion} on the replica: the suggestion restored as one journal
 * entry, what was restored handed over before the verification, both recorded; the dry run
 * changes and records nothing.
 */
class RestoreSuggestionTest {

    @TempDir
    Path dir;

    @Test
    void rightAfterDiagnoseTheSuggestionsAreProvenThenAppliedVerifiedAndRecorded() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        new Diagnose(r.cx).run(true, false, false);

        RestoreSuggestion use = new RestoreSuggestion(r.cx);
        RestoreSuggestion.Chosen c = use.choose(1);
        assertThat(r.progress).anyMatch(l -> l.contains("no 'suggest' since the latest diagnosis"));
        assertThat(c.suggestion().proof().heals()).isTrue();
        assertThat(c.label()).isEqualTo("suggestion 1 (files from backup " + Athena.BACKUP_ID + ")");
        assertThat(c.suggestion().overwrites()).containsExactly(Replica.FEEDBACK);

        List<RestoreOutcome> shown = new ArrayList<>();
        RestoreOutcome o = use.apply(c, false, shown::add);
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).verification()).as("handed over before verify").isNull();
        assertThat(shown.get(0).restores()).isEqualTo(o.restores());
        assertThat(o.applied()).isEqualTo(c.label());
        assertThat(o.verification().ok()).as(o.verification().summary()).isTrue();
        assertThat(o.worse()).isEmpty();
        assertThat(r.read(Replica.FEEDBACK)).isEqualTo(Athena.FILES.get(Replica.FEEDBACK));

        List<SessionState.Event> events = r.events();
        assertThat(events).extracting(SessionState.Event::kind).containsExactly("diagnose", "suggest", "restore", "verify");
        SessionState.Event restore = events.get(2);
        assertThat(restore.summary()).isEqualTo(c.label() + ": 1 written, 0 removed (journal entry "
                + o.restores().get(0).journal() + ")");
        assertThat(restore.files()).isEqualTo(1);
    }

    @Test
    void aDryRunSaysWhatItWouldWriteAndChangesAndRecordsNothing() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        new Diagnose(r.cx).run(true, false, false);
        new Suggest(r.cx).run(Prover.Mode.NONE);
        Map<String, String> before = TreeSnapshot.of(dir);
        int events = r.events().size();

        RestoreSuggestion use = new RestoreSuggestion(r.cx);
        List<RestoreOutcome> shown = new ArrayList<>();
        RestoreOutcome o = use.apply(use.choose(1), true, shown::add);
        assertThat(o.verification()).isNull();
        assertThat(o.restores().get(0).summary().written()).isEqualTo(1);
        assertThat(shown).isEmpty();
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);
        assertThat(r.events()).hasSize(events);
    }

    @Test
    void aRankThatDoesNotExistIsRefused() throws Exception {
        Replica r = Replica.create(dir, true).breakFeedbackLoop();
        new Diagnose(r.cx).run(true, false, false);
        new Suggest(r.cx).run(Prover.Mode.NONE);
        assertThatThrownBy(() -> new RestoreSuggestion(r.cx).choose(99)).isInstanceOf(RollbackException.class)
                .hasMessageContaining("no suggestion 99");
    }
}
