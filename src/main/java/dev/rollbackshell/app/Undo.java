package dev.rollbackshell.app;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.journal.JournalEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code undo}, {@code undo --redo} and {@code undo --list}: the journal reverted under the
 * project lock and recorded in the timeline, or read (docs/restore.md, "The journal over time").
 */
public final class Undo {

    /**
     * The newest entries of the journal; its JSON is theirs, newest first.
     *
     * @param shown the entries shown, oldest first
     * @param total how many the journal holds
     */
    public record Listing(List<JournalEntry> shown, int total, Optional<JournalEntry> nextUndo,
            Optional<JournalEntry> nextRedo) {

        @JsonValue
        public List<JournalEntry> newestFirst() {
            List<JournalEntry> l = new ArrayList<>(shown);
            Collections.reverse(l);
            return l;
        }
    }

    /**
     * What an undo (or redo) did; its JSON: the entry reverted, the new journal entry, and the
     * paths edited since the reverted one.
     *
     * @param target  the entry reverted (by a redo: the undo entry reverted)
     * @param applied the new journal entry and its counts
     */
    @JsonPropertyOrder({"reverted", "journal", "written", "removed", "changedSince"})
    public record Undone(@JsonIgnore boolean redo, @JsonIgnore JournalEntry target, @JsonIgnore Journal.Applied applied) {

        @JsonProperty
        public int reverted() {
            return target.seq();
        }

        @JsonProperty
        public int journal() {
            return applied.entry().seq();
        }

        @JsonProperty
        public int written() {
            return applied.written();
        }

        @JsonProperty
        public int removed() {
            return applied.removed();
        }

        @JsonProperty
        public List<String> changedSince() {
            return applied.changedSince();
        }
    }

    private final Context cx;

    public Undo(Context cx) {
        this.cx = cx;
    }

    private Journal journal() {
        return new Journal(cx.project(), cx.warn());
    }

    /** The newest {@code last} entries (null: the plan's journalKeep), or {@code all} of them. */
    public Listing list(Integer last, boolean all) {
        Journal journal = journal();
        List<JournalEntry> entries = journal.list();
        int shown = all ? entries.size() : Math.min(entries.size(), last != null ? last : cx.plan().plan().journalKeepOrDefault());
        return new Listing(List.copyOf(entries.subList(entries.size() - shown, entries.size())), entries.size(),
                journal.nextUndo(), journal.nextRedo());
    }

    /**
     * Reverts the latest entry not yet undone ({@code redo}: the latest undo) as a new journal
     * entry, warns about each path edited since, records it; refuses (exit 2) when there is nothing to revert.
     */
    public Undone run(boolean redo) {
        Journal journal = journal();
        Journal.Applied a;
        JournalEntry target;
        try (var lock = cx.lock(redo ? "redo" : "undo")) {
            target = (redo ? journal.nextRedo() : journal.nextUndo()).orElse(null);
            a = redo ? journal.redo() : journal.undo();
        }
        for (String p : a.changedSince()) {
            cx.warn().accept(p + " had changed since #" + target.seq() + "; what it held is kept in journal entry "
                    + a.entry().seq() + " ('undo --redo' brings it back)");
        }
        cx.session().recordChange(redo ? "redo" : "undo", (redo ? "redid #" : "undid #") + target.seq() + " ("
                + target.summary() + "), journal entry " + a.entry().seq(), 0, a.written() + a.removed());
        return new Undone(redo, target, a);
    }
}
