package dev.rollbackshell.scratch;

import dev.rollbackshell.diagnose.Proof;
import dev.rollbackshell.diagnose.Suggestion;
import dev.rollbackshell.diagnose.Suggestions;
import java.util.ArrayList;
import java.util.List;

/**
 * The runbook's "When to escalate": when every suggestion was proven and none heals (nor a
 * last known good state was found), the suggestions say so, with what was tried.
 */
public final class Escalation {

    private Escalation() {
    }

    /** {@code s} with {@code escalate} set when proving tried every suggestion and none heals. */
    public static Suggestions of(Suggestions s, Prover.Mode mode) {
        if (mode == Prover.Mode.NONE || s.suggestions().isEmpty()
                || s.suggestions().stream().anyMatch(x -> x.proof().heals())
                || s.suggestions().stream().anyMatch(x -> x.proof().status() == Proof.Status.NOT_TRIED)) {
            return s;
        }
        List<String> tried = new ArrayList<>();
        for (Suggestion x : s.suggestions()) {
            tried.add(x.rank() + ". " + x.kind() + " " + x.paths() + " from " + x.from() + ": " + x.proof().text());
        }
        if (s.knownGood() != null) {
            Suggestions.KnownGood kg = s.knownGood();
            tried.add("last known good state: " + (kg.found() ? kg.label() : "none of " + kg.tried() + " states tried passes"));
        }
        String reason = "no rollback heals the project: every suggestion was tried in a scratch copy of the project and"
                + " triggers still fire; complete system failure after rollback attempts is the runbook's cue to escalate";
        return s.with(s.suggestions(), s.knownGood(), new Suggestions.Escalate(reason, tried), s.proving());
    }
}
