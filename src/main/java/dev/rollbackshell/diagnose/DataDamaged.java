package dev.rollbackshell.diagnose;

import dev.rollbackshell.plan.TriggerIds;
import java.util.List;

/** {@code data-damaged}: data files missing, unparseable, or with fewer records than in the baseline. */
final class DataDamaged implements TriggerEvaluator {

    @Override
    public Diagnosis.Trigger evaluate(TriggerInput in) {
        if (in.plan().dataOrEmpty().isEmpty()) {
            return new Diagnosis.Trigger(TriggerIds.DATA_DAMAGED, false, List.of("not configured: the plan has no data checks"));
        }
        List<String> problems = in.dataProblems();
        return new Diagnosis.Trigger(TriggerIds.DATA_DAMAGED, !problems.isEmpty(),
                problems.isEmpty() ? List.of(in.cmp().dataSummary() + ", all parse"
                        + (in.cmp().hasBaseline() ? ", none fewer than in the baseline" : "")) : problems);
    }
}
