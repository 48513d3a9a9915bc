package dev.rollbackshell.diagnose;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One ranked rollback action (docs/plan.md, "suggest"). Stable core: {@code rank, kind, paths, from,
 * scenario, reason, overwrites}. {@code kind}: deleted (the deleted files the failures name,
 * alone), files (the changed files the failures point at), combined (those of every fired
 * trigger together), scenario (a runbook scenario's steps), folder (one protected folder), backup
 * (everything from the backup, exactly), git (everything from the safety branch, exactly).
 * {@code overwrites}: project files and links whose current content applying it would replace or
 * remove, as the restore planner works it out for {@code restore suggestion N} ({@code ActionRestore.overwrites}).
 * {@code actions}: the same as data the restore machinery applies. {@code proof}: what trying
 * it in a scratch copy found ({@link Proof}; not-tried with {@code suggest --no-prove}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Suggestion(int rank, String kind, List<String> paths, String from,
        @JsonInclude(JsonInclude.Include.ALWAYS) String scenario, String reason,
        List<String> overwrites, List<RestoreAction> actions, List<String> notes, Proof proof) {

    public static final String FILES = "files";
    /** The deleted files the failures name, alone (before the files candidate, which also restores their importers). */
    public static final String DELETED = "deleted";
    public static final String SCENARIO = "scenario";
    public static final String FOLDER = "folder";
    public static final String BACKUP = "backup";
    public static final String GIT = "git";
    /** Every protected folder exactly as in a commit found to be the last known good state. */
    public static final String KNOWN_GOOD = "known-good";
    /** The implicated files of every fired trigger together (code and data). */
    public static final String COMBINED = "combined";

    public Suggestion {
        paths = List.copyOf(paths);
        overwrites = List.copyOf(overwrites);
        actions = List.copyOf(actions);
        notes = notes == null || notes.isEmpty() ? null : List.copyOf(notes);
        proof = proof == null ? Proof.NOT_TRIED : proof;
    }

    public Suggestion(int rank, String kind, List<String> paths, String from, String scenario, String reason,
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
