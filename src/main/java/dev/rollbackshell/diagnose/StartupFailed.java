package dev.rollbackshell.diagnose;

import dev.rollbackshell.check.CheckReport;
import dev.rollbackshell.check.CheckResult;
import dev.rollbackshell.check.Compare;
import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.TriggerIds;
import java.util.ArrayList;
import java.util.List;

/** {@code startup-failed}: import and functionality checks failing, test modules that no longer import. */
final class StartupFailed implements TriggerEvaluator {

    @Override
    public Diagnosis.Trigger evaluate(TriggerInput in) {
        Plan plan = in.plan();
        CheckReport now = in.now();
        Compare cmp = in.cmp();
        List<String> moduleProblems = now.tests() == null ? List.of() : now.tests().problems().stream()
                .filter(p -> p.contains("does not import") || p.contains("collection error")).toList();
        if (plan.importsOrEmpty().isEmpty() && plan.functionalityOrEmpty().isEmpty() && moduleProblems.isEmpty()) {
            return new Diagnosis.Trigger(TriggerIds.STARTUP_FAILED, false,
                    List.of("not configured: the plan has no import or functionality checks"));
        }
        List<String> ev = new ArrayList<>(cmp.checkEvidence(in.startup()));
        ev.addAll(moduleProblems);
        boolean fired = !ev.isEmpty();
        List<CheckResult> old = cmp.startupFailingAsInBaseline();
        if (!fired) {
            int all = now.importsOrEmpty().size() + now.functionalityOrEmpty().size();
            ev.add(old.isEmpty() ? all + " import and functionality checks pass"
                    : (all - old.size()) + " of " + all + " import and functionality checks pass");
        }
        old.forEach(c -> ev.add(c.id() + " fails as in the baseline (not a regression): " + c.summary()));
        return new Diagnosis.Trigger(TriggerIds.STARTUP_FAILED, fired, ev);
    }
}
