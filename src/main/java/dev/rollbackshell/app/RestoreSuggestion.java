package dev.rollbackshell.app;

import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.diagnose.Suggestions;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.scratch.Prover;
import dev.rollbackshell.session.SessionState;
import dev.rollbackshell.verify.Verification;
import dev.rollbackshell.verify.Verifier;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code restore suggestion N}: suggestion N of the session applied as one journal entry,
 * then verified and compared with the diagnosis before it. In two calls, so that the shell
 * can ask between them: {@link #choose} (right after {@code diagnose}, with no
 * {@code suggest} since, the suggestions are worked out and proven first, as
 * {@code suggest} would), then {@link #apply}.
 */
public final class RestoreSuggestion {

    /**
     * The suggestion about to be applied.
     *
     * @param label  "suggestion 1 (files from 20260101_120000)": the journal entry's summary
     * @param before the session as it was chosen from (its diagnosis is what "worse" compares with)
     */
    public record Chosen(int rank, Suggestion suggestion, String label, SessionState before) {
    }

    private final Context cx;

    public RestoreSuggestion(Context cx) {
        this.cx = cx;
    }

    /** Suggestion {@code rank} of the session; refuses (exit 2) one that does not exist. */
    public Chosen choose(int rank) {
        SessionState state = cx.session().load();
        Suggestion s = suggestions(state).get(rank);
        return new Chosen(rank, s, "suggestion " + rank + " (" + s.kind() + " from " + s.from() + ")", state);
    }

    private Suggestions suggestions(SessionState state) {
        if (state.suggestions() != null || state.diagnosis() == null) {
            return state.requireSuggestions();
        }
        cx.progress().say("restore suggestion: no 'suggest' since the latest diagnosis; working the suggestions out and"
                + " proving them now");
        return new Suggest(cx).run(Prover.Mode.UNTIL_HEALED);
    }

    /**
     * Applies {@code c} (or, {@code dryRun}, says what it would write and remove), then
     * verifies; {@code restored} is told what was restored before the verification starts.
     */
    public RestoreOutcome apply(Chosen c, boolean dryRun, Consumer<RestoreOutcome> restored) {
        Suggestion s = c.suggestion();
        List<RestoreReport> reports = ActionRestoring.apply(cx, "restore-suggestion", c.label(), s.actions(), dryRun);
        RestoreOutcome done = new RestoreOutcome(c.label(), reports, null, null, s.notes());
        if (dryRun) {
            return done;
        }
        restored.accept(done);
        Verification v = ActionRestoring.verifyAfter(cx, reports);
        List<String> worse = Verifier.worseThan(c.before().requireDiagnosis(), v);
        return new RestoreOutcome(c.label(), reports, v, worse, s.notes());
    }
}
