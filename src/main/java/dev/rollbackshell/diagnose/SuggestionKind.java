package dev.rollbackshell.diagnose;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What a suggestion restores (docs/plan.md, "suggest"); its word is the JSON value and what
 * the text shows, so the JSON field {@code kind} keeps its strings.
 */
public enum SuggestionKind {
    /** The deleted files the failures name, alone (before the files candidate, which also restores their importers). */
    DELETED("deleted"),
    /** The changed files the failures point at. */
    FILES("files"),
    /** The implicated files of every fired trigger together (code and data). */
    COMBINED("combined"),
    /** A runbook scenario's steps. */
    SCENARIO("scenario"),
    /** One protected folder. */
    FOLDER("folder"),
    /** Everything from the backup, exactly (the nuclear option). */
    BACKUP("backup"),
    /** Everything from the safety branch, exactly. */
    GIT("git"),
    /** Every protected folder exactly as in a commit found to be the last known good state. */
    KNOWN_GOOD("known-good");

    private final String word;

    SuggestionKind(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    @JsonCreator
    public static SuggestionKind of(String word) {
        return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no suggestion kind '" + word + "'"));
    }

    @Override
    public String toString() {
        return word;
    }
}
