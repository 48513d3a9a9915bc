package dev.rollbackshell.report;

import dev.rollbackshell.session.SessionState;
import java.time.Instant;
import java.util.List;

/**
 * Whether a diagnosis or a verification still describes the project: only while the
 * protected tree is the one its checks ran on (the same tree fingerprint). When it is not,
 * which command of the timeline changed the tree, and how many files (docs/plan.md,
 * "Results that tell the truth about now").
 *
 * @param current      the tree is the one checked (or the result predates tree fingerprints)
 * @param changedBy    the first command after the result that wrote into the protected folders, or null
 *                     when none did (the files changed outside rollback-shell)
 * @param files        the files that command wrote or removed
 * @param changedAt    when it ran
 * @param laterChanges how many such commands followed it
 */
public record Currency(boolean current, String changedBy, int files, Instant changedAt, int laterChanges) {

    public static final Currency CURRENT = new Currency(true, null, 0, null, 0);

    /**
     * @param checkedTree the fingerprint recorded with the result (null: recorded before fingerprints; taken as current)
     * @param checkedAt   when the result was made
     * @param treeNow     the fingerprint of the project now
     */
    public static Currency of(String checkedTree, Instant checkedAt, String treeNow, List<SessionState.Event> events) {
        if (checkedTree == null || treeNow == null || checkedTree.equals(treeNow)) {
            return CURRENT;
        }
        // the commands after the one that recorded the result, by their place in the timeline
        // (times can be equal: a coarse clock, or one standing still in a test); by time when
        // the timeline does not hold that command any more
        int recorded = -1;
        for (int i = events.size() - 1; i >= 0 && recorded < 0; i--) {
            if (checkedTree.equals(events.get(i).tree())) {
                recorded = i;
            }
        }
        int from = recorded;
        List<SessionState.Event> writers = java.util.stream.IntStream.range(0, events.size())
                .filter(i -> from >= 0 ? i > from : checkedAt == null || events.get(i).at().isAfter(checkedAt))
                .mapToObj(events::get)
                .filter(e -> e.files() != null && e.files() > 0)
                .toList();
        if (writers.isEmpty()) {
            return new Currency(false, null, 0, null, 0);
        }
        SessionState.Event first = writers.get(0);
        return new Currency(false, first.kind(), first.files(), first.at(), writers.size() - 1);
    }

    /** "'undo' changed 3 files", or "the protected files changed outside rollback-shell". */
    public String change() {
        if (changedBy == null) {
            return "the protected files changed outside rollback-shell";
        }
        return "'" + changedBy + "' changed " + files + (files == 1 ? " file" : " files")
                + (laterChanges == 0 ? "" : " (and " + laterChanges + " later command" + (laterChanges == 1 ? "" : "s") + " too)");
    }
}
