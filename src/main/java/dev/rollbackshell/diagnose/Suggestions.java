package dev.rollbackshell.diagnose;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollbackshell.project.RollbackException;
import java.time.Instant;
import java.util.List;

/** What {@code suggest --json} prints and the session keeps: {@code {suggestions: [...]}} and where they come from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Suggestions(List<Suggestion> suggestions, String backup, Instant diagnosedAt, String note) {

    public Suggestions {
        suggestions = List.copyOf(suggestions);
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

    /** The latest suggestions of a session; refuses (exit 2) when there are none (no 'suggest' since the last 'diagnose'). */
    public static Suggestions fromSession(dev.rollbackshell.session.SessionState state) {
        if (state.suggestions() == null || state.suggestions().isNull()) {
            throw RollbackException.badInput(state.diagnosis() == null ? "no diagnosis in this session; run 'diagnose' then 'suggest'"
                    : "no suggestions for the latest diagnosis; run 'suggest' first");
        }
        try {
            return dev.rollbackshell.json.Json.MAPPER.treeToValue(state.suggestions(), Suggestions.class);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw RollbackException.badInput("the session's suggestions cannot be read; run 'suggest' again");
        }
    }
}
