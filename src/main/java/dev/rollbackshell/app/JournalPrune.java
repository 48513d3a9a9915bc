package dev.rollbackshell.app;

import dev.rollbackshell.journal.Journal;
import dev.rollbackshell.journal.JournalEntry;
import dev.rollbackshell.journal.JournalPruner;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code journal prune}: old journal entries removed under the project lock, recorded in the
 * timeline (docs/restore.md, "The journal over time").
 */
public final class JournalPrune {

    private final Context cx;

    public JournalPrune(Context cx) {
        this.cx = cx;
    }

    /** The newest entries a prune keeps when not told: the plan's journalKeep (50). */
    public int keepOrDefault(Integer keep) {
        return keep != null ? keep : cx.plan().plan().journalKeepOrDefault();
    }

    /**
     * Removes all but the newest {@code keep} entries (with {@code olderThan}: only those older
     * than that), never an interrupted one still in effect. Unless {@code dryRun} or there is
     * nothing to remove, {@code confirm} is shown what would go (a dry run's result) under the
     * lock and refuses by throwing.
     */
    public JournalPruner.Pruned prune(int keep, Duration olderThan, boolean dryRun, Consumer<JournalPruner.Pruned> confirm) {
        JournalPruner pruner = new JournalPruner(new Journal(cx.project(), cx.warn()), cx.warn());
        try (var lock = cx.lock("journal prune")) {
            JournalPruner.Plan plan = pruner.plan(keep, olderThan);
            List<Integer> seqs = plan.remove().stream().map(JournalEntry::seq).toList();
            JournalPruner.Pruned preview = new JournalPruner.Pruned(true, seqs, plan.kept(), plan.held(), plan.bytes());
            if (dryRun || seqs.isEmpty()) {
                return preview;
            }
            confirm.accept(preview);
            List<Integer> removed = pruner.execute(plan);
            cx.session().record("journal-prune", "removed journal entries " + removed, 0);
            return new JournalPruner.Pruned(false, removed, plan.kept() + seqs.size() - removed.size(), plan.held(),
                    plan.bytes());
        }
    }
}
