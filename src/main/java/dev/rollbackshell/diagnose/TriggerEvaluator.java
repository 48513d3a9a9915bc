package dev.rollbackshell.diagnose;

import java.util.List;

/**
 * One of the runbook's five rollback triggers (docs/plan.md, "diagnose"): whether it fired
 * and its evidence, or why it was not checked. {@link #IN_ORDER} is the order the diagnosis
 * lists them in.
 */
interface TriggerEvaluator {

    List<TriggerEvaluator> IN_ORDER = List.of(new TestsRegressed(), new StartupFailed(), new DataDamaged(),
            new PerformanceRegressed(), new ComponentBroken());

    Diagnosis.Trigger evaluate(TriggerInput in);
}
