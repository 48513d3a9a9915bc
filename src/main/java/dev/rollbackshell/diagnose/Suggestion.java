package dev.rollbackshell.diagnose;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollbackshell.restore.RestoreAction;
import java.util.List;

/**
 * One ranked rollback action (docs/plan.md, "suggest"). Stable core: {@code rank, kind, paths, from,
 * scenario, reason, overwrites}. {@code kind}: what it restores ({@link SuggestionKind}: deleted,
 * files, combined, scenario, folder, backup, git, known-good).
 * {@code overwrites}: project files and links whose current content applying it would replace or
 * remove, as the restore planner works it out for {@code restore suggestion N} ({@code ActionRestore.overwrites}).
 * {@code actions}: the same as data the restore machinery applies. {@code proof}: what trying
 * it in a scratch copy found ({@link Proof}; not-tried with {@code suggest --no-prove}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Suggestion(int rank, SuggestionKind kind, List<String> paths, String from,
        @JsonInclude(JsonInclude.Include.ALWAYS) String scenario, String reason,
        List<String> overwrites, List<RestoreAction> actions, List<String> notes, Proof proof) {

    public Suggestion {
        paths = List.copyOf(paths);
        overwrites = List.copyOf(overwrites);
        actions = List.copyOf(actions);
        notes = notes == null || notes.isEmpty() ? null : List.copyOf(notes);
        proof = proof == null ? Proof.NOT_TRIED : proof;
    }

    public Suggestion(int rank, SuggestionKind kind, List<String> paths, String from, String scenario, String reason,
            List<String> overwrites, List<RestoreAction> actions, List<String> notes) {
        this(rank, kind, paths, from, scenario, reason, overwrites, actions, notes, null);
    }

    public Suggestion withRank(int r) {
        return new Suggestion(r, kind, paths, from, scenario, reason, overwrites, actions, notes, proof);
    }

    public Suggestion withProof(Proof p) {
        return new Suggestion(rank, kind, paths, from, scenario, reason, overwrites, actions, notes, p);
    }
}
