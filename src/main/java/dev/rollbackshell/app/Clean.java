package dev.rollbackshell.app;

import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.restore.Cleaner;

/**
 * {@code clean}: the plan's generated files (runbook: *.pyc, __pycache__) removed inside the
 * protected folders as one journal entry under the project lock, recorded; a dry run takes
 * no lock and records nothing.
 */
public final class Clean {

    private final Context cx;

    public Clean(Context cx) {
        this.cx = cx;
    }

    /** Removes the generated files (or, {@code dryRun}, lists them); no journal entry when there were none. */
    public Cleaner.CleanReport run(boolean dryRun) {
        Cleaner cleaner = new Cleaner(cx.project(), new Journal(cx.project(), cx.warn()));
        if (dryRun) {
            return clean(cleaner, true);
        }
        Cleaner.CleanReport r;
        try (var lock = cx.lock("clean")) {
            r = clean(cleaner, false);
        }
        if (r.journal() != null) {
            cx.session().record("clean", "removed " + r.files() + " generated files (journal entry " + r.journal() + ")", 0);
        }
        return r;
    }

    private Cleaner.CleanReport clean(Cleaner cleaner, boolean dryRun) {
        Plan p = cx.plan().plan();
        return cleaner.clean(p.foldersOrDefault(), p.cleanOrDefault(), dryRun);
    }
}
