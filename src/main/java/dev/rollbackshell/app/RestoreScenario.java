package dev.rollbackshell.app;

import dev.rollbackshell.backup.Backup;
import dev.rollbackshell.diagnose.ScenarioActions;
import dev.rollbackshell.diagnose.ScenarioRestore;
import dev.rollbackshell.git.GitRepo;
import dev.rollbackshell.restore.RestoreReport;
import dev.rollbackshell.verify.Verification;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code restore scenario ID}: what one runbook scenario restores (from the selected backup
 * and from git), as one journal entry, then verified; the result's notes say what the
 * runbook does next. In two calls, so that the shell can ask between them (the nuclear
 * option): {@link #choose}, then {@link #apply}.
 */
public final class RestoreScenario {

    /**
     * The scenario about to be restored.
     *
     * @param backup the backup its actions restore from
     * @param label  "scenario 1A (...)": the journal entry's summary
     */
    public record Chosen(ScenarioRestore scenario, Backup backup, String label) {

        /** The nuclear option: every protected folder exactly like the backup. */
        public boolean nuclear() {
            return "nuclear".equalsIgnoreCase(scenario.id());
        }
    }

    private final Context cx;

    public RestoreScenario(Context cx) {
        this.cx = cx;
    }

    /** Scenario {@code id} of the plan against the selected backup; refuses (exit 2) an unknown id, naming the nearest. */
    public Chosen choose(String id) {
        Backup backup = cx.backups().selectedOrLatest(cx.session().load().selectedBackup());
        ScenarioRestore sc;
        try (GitRepo git = GitRepo.findReadable(cx.project()).orElse(null)) {
            sc = new ScenarioActions(cx.plan().plan(), backup, cx.backups().manifest(backup), git).forScenario(id);
        }
        return new Chosen(sc, backup, "scenario " + sc.id() + " (" + sc.title() + ")");
    }

    /**
     * Restores {@code c} (or, {@code dryRun}, says what it would write and remove, with the
     * scenario's notes), then verifies; {@code restored} is told what was restored before the
     * verification starts. The result's notes are the scenario's next steps.
     */
    public RestoreOutcome apply(Chosen c, boolean dryRun, Consumer<RestoreOutcome> restored) {
        ScenarioRestore sc = c.scenario();
        List<RestoreReport> reports = ActionRestoring.apply(cx, "restore-scenario", c.label(), sc.actions(), dryRun);
        if (dryRun) {
            return new RestoreOutcome(c.label(), reports, null, null, sc.notes());
        }
        restored.accept(new RestoreOutcome(c.label(), reports, null, null, List.of()));
        Verification v = ActionRestoring.verifyAfter(cx, reports);
        return new RestoreOutcome(c.label(), reports, v, null, sc.nextSteps(!v.ok()));
    }
}
