package dev.rollbackshell.restore;

import dev.rollbackshell.journal.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Applies restore actions given as data (a suggestion's, a runbook scenario's) through the
 * ordinary restore machinery, all of them as ONE journal entry, so one {@code undo}
 * reverts them together: the runbook's Scenario 1A restores one file from a backup and
 * three from {@code git HEAD~1}. What a suggestion says it would overwrite is planned here
 * too ({@link #overwrites}), by the same planner, so it is what applying it overwrites.
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
        return restorer.applyAll(kind, summary, plans(actions, dryRun));
    }

    /**
     * Works the actions out against the project as a dry run (nothing written; any refusal
     * thrown) and hands what they would change to {@code use} while their sources are still
     * open: how a candidate is applied to a scratch copy instead of the project.
     */
    public <T> T withChanges(List<RestoreAction> actions, Function<List<Change>, T> use) {
        return withPlans(actions, true, plans -> {
            List<Change> changes = new ArrayList<>();
            plans.forEach(p -> changes.addAll(p.changes()));
            return use.apply(changes);
        });
    }

    /**
     * The project's files and links that applying the actions would replace or remove
     * ({@link RestorePlan#overwrites}), in path order; planned as {@link #apply} plans them,
     * nothing written. Throws the refusal {@link #apply} would throw.
     */
    public List<String> overwrites(List<RestoreAction> actions) {
        // not a dry run: that would also hash the copies to write, and only what is written over is asked here
        return withPlans(actions, false, plans -> {
            TreeSet<String> out = new TreeSet<>();
            plans.forEach(p -> out.addAll(p.overwrites()));
            return List.copyOf(out);
        });
    }

    /** Hands the actions' plans to {@code use}, then closes them; nothing is applied. */
    private <T> T withPlans(List<RestoreAction> actions, boolean dryRun, Function<List<RestorePlan>, T> use) {
        List<RestorePlan> plans = plans(actions, dryRun);
        try {
            return use.apply(plans);
        } finally {
            plans.forEach(RestorePlan::close);
        }
    }

    /** One plan per action, in order; on a refusal the plans made so far are closed and it is thrown. */
    private List<RestorePlan> plans(List<RestoreAction> actions, boolean dryRun) {
        List<RestorePlan> plans = new ArrayList<>();
        try {
            for (RestoreAction a : actions) {
                SourceRef ref = a.backupId() != null ? SourceRef.backup(a.backupId()) : SourceRef.git(a.gitRef());
                plans.add(restorer.planFiles(new RestoreRequest(a.paths(), ref, a.exact(), dryRun, false)));
            }
            return plans;
        } catch (RuntimeException e) {
            plans.forEach(RestorePlan::close);
            throw e;
        }
    }
}
