package dev.rollbackshell.diagnose;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollbackshell.project.RollbackException;
import java.time.Instant;
import java.util.List;

/** What {@code suggest --json} prints and the session keeps: {@code {suggestions: [...]}} and where they come from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Suggestions(List<Suggestion> suggestions, String backup, Instant diagnosedAt, String note, KnownGood knownGood,
        Escalate escalate, Proving proving) {

    public Suggestions {
        suggestions = List.copyOf(suggestions);
    }

    public Suggestions(List<Suggestion> suggestions, String backup, Instant diagnosedAt, String note) {
        this(suggestions, backup, diagnosedAt, note, null, null, null);
    }

    /**
     * The last known good state a search found (docs/plan.md#diagnose---find-good): the newest
     * {@code source} ("backup" or "git") whose checks pass, {@code id} (backup id or commit),
     * {@code label} for people, how many states were {@code tried}, how long it took.
     * {@code found} false: none of the states tried passes.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KnownGood(boolean found, String source, String id, String label, int tried, double seconds,
            List<String> steps) {
        public KnownGood {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /**
     * No rollback heals the project (the runbook's "When to escalate"): {@code reason}, and
     * what was {@code tried} (each candidate and what still fired).
     */
    public record Escalate(String reason, List<String> tried) {
        public Escalate {
            tried = List.copyOf(tried);
        }
    }

    /** How proving went: {@code mode} (none, until-healed, all), candidates proven, seconds. */
    public record Proving(String mode, int proven, double seconds) {
    }

    public Suggestions with(List<Suggestion> ranked, KnownGood kg, Escalate esc, Proving p) {
        return new Suggestions(ranked, backup, diagnosedAt, note, kg, esc, p);
    }

    /** Suggestion {@code rank} (1 = least invasive); refuses (exit 2) a rank that does not exist. */
    public Suggestion get(int rank) {
        if (suggestions.isEmpty()) {
            throw RollbackException.badInput("there are no suggestions" + (note == null ? "" : " (" + note + ")")
                    + "; run 'diagnose' then 'suggest'");
        }
        return suggestions.stream().filter(s -> s.rank() == rank).findFirst()
                .orElseThrow(() -> RollbackException.badInput("no suggestion " + rank + "; choose 1 to "
                        + suggestions.size() + " ('suggest' lists them)"));
    }
}
