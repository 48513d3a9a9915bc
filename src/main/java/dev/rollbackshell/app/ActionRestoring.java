package dev.rollbackshell.app;

import dev.rollbackshell.restore.RestoreAction;
import dev.rollbackshell.project.Interruption;
import dev.rollbackshell.restore.ActionRestore;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.restore.UndoWords;
import dev.rollbackshell.verify.Verification;
import java.util.List;

/**
 * The steps {@link RestoreSuggestion} and {@link RestoreScenario} share: restore actions as
 * one journal entry under the project lock, recorded in the timeline; then verify.
 */
final class ActionRestoring {

    private ActionRestoring() {
    }

    /** Applies {@code actions} (or, {@code dryRun}, only plans them: no lock, nothing recorded). */
    static List<RestoreReport> apply(Context cx, String kind, String label, List<RestoreAction> actions, boolean dryRun) {
        ActionRestore restore = new ActionRestore(cx.restorer());
        if (dryRun) {
            return restore.apply(kind, label, actions, true);
        }
        try (var lock = cx.lock(kind)) {
            List<RestoreReport> reports = restore.apply(kind, label, actions, false);
            cx.session().recordChange("restore", label + ": " + totals(reports), 0,
                    reports.stream().mapToInt(r -> r.summary().written() + r.summary().removed()).sum());
            return reports;
        }
    }

    /** Verify after a restore; Ctrl-C during it leaves the restore in place and says so. */
    static Verification verifyAfter(Context cx, List<RestoreReport> reports) {
        try {
            return new Verify(cx).run(false);
        } catch (Interruption.Interrupted e) {
            throw new Interruption.Interrupted("interrupted during verify; the restore is done (" + totals(reports) + ", "
                    + UndoWords.REVERTS + "), no verification recorded; run 'verify'");
        }
    }

    /** Total counts over several reports: "3 written, 1 removed (journal entry 4)". */
    static String totals(List<RestoreReport> reports) {
        int written = 0;
        int removed = 0;
        Integer journal = null;
        for (RestoreReport r : reports) {
            written += r.summary().written();
            removed += r.summary().removed();
            journal = r.journal() != null ? r.journal() : journal;
        }
        return written + " written, " + removed + " removed" + (journal == null ? "" : " (journal entry " + journal + ")");
    }
}
