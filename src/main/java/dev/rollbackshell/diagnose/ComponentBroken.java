package dev.rollbackshell.diagnose;

import dev.rollbackshell.check.CheckResult;
import dev.rollbackshell.check.Compare;
import dev.rollbackshell.plan.TriggerIds;
import java.util.List;
import java.util.stream.Collectors;

/** {@code component-broken}: component checks failing now that did not fail in the baseline. */
final class ComponentBroken implements TriggerEvaluator {

    @Override
    public Diagnosis.Trigger evaluate(TriggerInput in) {
        if (in.plan().componentsOrEmpty().isEmpty()) {
            return new Diagnosis.Trigger(TriggerIds.COMPONENT_BROKEN, false,
                    List.of("not configured: the plan has no component checks"));
        }
        Compare cmp = in.cmp();
        List<CheckResult> broken = in.broken();
        List<String> ev = broken.isEmpty()
                ? List.of(in.now().componentsOrEmpty().size() + " components work"
                        + (cmp.componentsAlreadyFailing().isEmpty() ? "" : " or fail as in the baseline ("
                                + cmp.componentsAlreadyFailing().stream().map(CheckResult::id).collect(Collectors.joining(", ")) + ")"))
                : cmp.componentEvidence();
        return new Diagnosis.Trigger(TriggerIds.COMPONENT_BROKEN, !broken.isEmpty(), ev);
    }
}
