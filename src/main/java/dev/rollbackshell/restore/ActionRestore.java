package dev.rollbackshell.restore;

import dev.rollbackshell.diagnose.RestoreAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies restore actions given as data (a suggestion's, a runbook scenario's) through the
 * ordinary restore machinery, all of them as ONE journal entry, so one {@code undo}
 * reverts them together: the runbook's Scenario 1A restores one file from a backup and
 * three from {@code git HEAD~1}.
 */
public final class ActionRestore {

    private final Restorer restorer;

    public ActionRestore(Restorer restorer) {
        this.restorer = restorer;
    }

    /**
     * Plans every action first (any refusal comes before anything is written), then
     * applies them in one journal entry, or only reports them when {@code dryRun}.
     *
     * @param kind    the journal entry's kind ({@code restore-suggestion}, {@code restore-scenario})
     * @param summary what {@code undo --list} shows for the entry
     */
    public List<RestoreReport> apply(String kind, String summary, List<RestoreAction> actions, boolean dryRun) {
        List<RestorePlan> plans = new ArrayList<>();
        try {
            for (RestoreAction a : actions) {
                SourceRef ref = a.backupId() != null ? SourceRef.backup(a.backupId()) : SourceRef.git(a.gitRef());
                plans.add(restorer.planFiles(new RestoreRequest(a.paths(), ref, a.exact(), dryRun, false)));
            }
        } catch (RuntimeException e) {
            plans.forEach(RestorePlan::close);
            throw e;
        }
        return restorer.applyAll(kind, summary, plans);
    }

    /**
     * Works the actions out against the project as a dry run (nothing written; any refusal
     * thrown) and hands what they would change to {@code use} while their sources are still
     * open: how a candidate is applied to a scratch copy instead of the project.
     */
    public <T> T withChanges(List<RestoreAction> actions, java.util.function.Function<List<dev.rollbackshell.journal.Change>, T> use) {
        List<RestorePlan> plans = new ArrayList<>();
        try {
            for (RestoreAction a : actions) {
                SourceRef ref = a.backupId() != null ? SourceRef.backup(a.backupId()) : SourceRef.git(a.gitRef());
                plans.add(restorer.planFiles(new RestoreRequest(a.paths(), ref, a.exact(), true, false)));
            }
            List<dev.rollbackshell.journal.Change> changes = new ArrayList<>();
            plans.forEach(p -> changes.addAll(p.changes()));
            return use.apply(changes);
        } finally {
            plans.forEach(RestorePlan::close);
        }
    }
}
