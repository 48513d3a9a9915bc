package dev.rollbackshell.diagnose;

import dev.rollbackshell.check.Compare;
import dev.rollbackshell.plan.TriggerIds;
import java.util.List;

/** {@code performance-regressed}: the performance check against the baseline's (docs/plan.md, "diagnose"). */
final class PerformanceRegressed implements TriggerEvaluator {

    @Override
    public Diagnosis.Trigger evaluate(TriggerInput in) {
        Compare.PerfVerdict perf = in.cmp().performance(in.plan().performance());
        if (perf == null) {
            return new Diagnosis.Trigger(TriggerIds.PERFORMANCE_REGRESSED, false,
                    List.of("not configured: the plan has no performance check"));
        }
        return new Diagnosis.Trigger(TriggerIds.PERFORMANCE_REGRESSED, perf.regressed(), List.of(perf.line()));
    }
}
