package dev.rollbackshell.journal;

import java.time.Instant;
import java.util.List;

/**
 * {@code entry.json} of a journal entry, rewritten atomically as the entry moves on:
 * {@code prepared} (steps planned, contents being staged: the project is untouched),
 * {@code staged} (every new content staged and every before-image saved: steps being done,
 * each one logged in {@code done}), {@code complete}, or {@code failed}.
 */
record EntryDoc(int version, int seq, String kind, String summary, Instant createdAt, String status, Integer reverts,
        boolean automatic, String error, List<Step> steps) {

    static final int VERSION = 1;
    /** The states only the document has; {@link EntryStore#load} turns them into complete or interrupted. */
    static final String PREPARED = "prepared";
    static final String STAGED = "staged";

    EntryDoc {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    private static final java.util.Set<String> STATES = java.util.Set.of(PREPARED, STAGED,
            JournalEntry.COMPLETE, JournalEntry.FAILED);
    private static final java.util.Set<String> OPS = java.util.Set.of(Step.PUT, Step.LINK, Step.MKDIR, Step.DELETE,
            Step.RMDIR);
    private static final java.util.Set<String> TYPES = java.util.Set.of(PathState.ABSENT, PathState.FILE,
            PathState.LINK, PathState.DIR);

    /**
     * What makes this document one that undo cannot trust (a hand-edited or torn {@code entry.json}), or null when
     * it holds together: its number is its folder's, its state and every step's operation and path types are ones
     * the journal writes, and every path stays inside the project.
     */
    String problem(int folderSeq) {
        if (seq != folderSeq) {
            return "it says it is entry " + seq + " but its folder is entry " + folderSeq;
        }
        if (kind == null || kind.isBlank() || createdAt == null) {
            return "its kind or time is missing";
        }
        if (!STATES.contains(status)) {
            return "its state '" + status + "' is none the journal writes";
        }
        for (int k = 0; k < steps.size(); k++) {
            Step s = steps.get(k);
            String where = "step " + k;
            if (s == null || s.i() != k) {
                return where + " is out of order";
            }
            if (!OPS.contains(s.op())) {
                return where + " has the unknown operation '" + s.op() + "'";
            }
            if (s.path() == null || s.path().isEmpty() || s.path().startsWith("/") || s.path().contains("\\")
                    || java.util.Arrays.asList(s.path().split("/")).contains("..")) {
                return where + " names the path '" + s.path() + "', which is not inside the project";
            }
            if (s.before() == null || s.after() == null || !TYPES.contains(s.before().type())
                    || !TYPES.contains(s.after().type())) {
                return where + " (" + s.path() + ") lacks what the path was before or after";
            }
            if ((s.before().isLink() && s.before().link() == null) || (s.after().isLink() && s.after().link() == null)) {
                return where + " (" + s.path() + ") is a link without a target";
            }
        }
        return null;
    }

    EntryDoc with(String newStatus, String newError, List<Step> newSteps) {
        return new EntryDoc(version, seq, kind, summary, createdAt, newStatus, reverts, automatic, newError, newSteps);
    }
}
