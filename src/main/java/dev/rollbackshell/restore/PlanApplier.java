package dev.rollbackshell.restore;

import dev.rollbackshell.backup.BackupStore;
import dev.rollbackshell.journal.Change;
import dev.rollbackshell.journal.ContentMismatchException;
import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.project.Meter;
import dev.rollbackshell.project.RollbackException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applying for {@link Restorer}: a {@link RestorePlan} (or several, together) done as one
 * journal entry, a dry-run plan only reported; a backup copy that does not match its
 * manifest refused naming a backup with a good copy. Closes the plans.
 */
final class PlanApplier {

    private final Journal journal;
    private final BackupStore backups;

    PlanApplier(Journal journal, BackupStore backups) {
        this.journal = journal;
        this.backups = backups;
    }

    RestoreReport apply(RestorePlan plan) {
        if (!Restorer.KIND_ALL.equals(plan.kind()) || plan.dryRun() || plan.changesNothing()) {
            return apply(plan, null);
        }
        // restore all: the files it writes are counted on the progress line (project/Meter)
        long files = 0;
        long bytes = 0;
        for (Change c : plan.changes()) {
            if (c instanceof Change.Write w) {
                files++;
                bytes += Math.max(0, w.content().size());
            }
        }
        try (Meter.Task meter = Meter.start("restore all", "files", files, bytes, false)) {
            return apply(plan, meter);
        }
    }

    private RestoreReport apply(RestorePlan plan, Meter.Task meter) {
        try (plan) {
            RestoreReport r = plan.report();
            if (plan.dryRun() || plan.changesNothing()) {
                return r.withJournal(null, plan.dryRun());
            }
            try {
                Journal.Applied a = meter == null ? journal.apply(plan.kind(), plan.summary(), plan.changes())
                        : journal.apply(plan.kind(), plan.summary(), plan.changes(), meter);
                return r.withJournal(a.entry() == null ? null : a.entry().seq(), false);
            } catch (ContentMismatchException e) {
                throw RollbackException.problem(e.getMessage() + plan.source().damagedCopyHint(backups, e));
            }
        }
    }

    List<RestoreReport> applyAll(String kind, String summary, List<RestorePlan> plans) {
        try {
            List<Change> changes = new ArrayList<>();
            boolean dry = plans.stream().allMatch(RestorePlan::dryRun);
            for (RestorePlan p : plans) {
                if (!dry && p.dryRun()) {
                    throw new IllegalArgumentException("mixing dry-run and real plans in one journal entry");
                }
                changes.addAll(p.changes());
            }
            Integer seq = null;
            if (!dry && !changes.isEmpty()) {
                try {
                    Journal.Applied a = journal.apply(kind, summary, changes);
                    seq = a.entry() == null ? null : a.entry().seq();
                } catch (ContentMismatchException e) {
                    String hint = "";
                    for (RestorePlan p : plans) {
                        if (p.toWrite().containsKey(e.path()) && hint.isEmpty()) {
                            hint = p.source().damagedCopyHint(backups, e);
                        }
                    }
                    throw RollbackException.problem(e.getMessage() + hint);
                }
            }
            List<RestoreReport> out = new ArrayList<>();
            for (RestorePlan p : plans) {
                out.add(p.report().withJournal(p.changesNothing() ? null : seq, dry));
            }
            return out;
        } finally {
            plans.forEach(RestorePlan::close);
        }
    }
}
