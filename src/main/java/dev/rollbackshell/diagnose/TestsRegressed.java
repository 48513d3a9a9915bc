package dev.rollbackshell.diagnose;

import dev.rollbackshell.check.CheckReport;
import dev.rollbackshell.check.Compare;
import dev.rollbackshell.plan.TriggerIds;
import java.util.ArrayList;
import java.util.List;

/** {@code tests-regressed}: tests passing in the baseline fail now, vanished, or the suite could not run. */
final class TestsRegressed implements TriggerEvaluator {

    @Override
    public Diagnosis.Trigger evaluate(TriggerInput in) {
        if (in.plan().tests() == null) {
            return new Diagnosis.Trigger(TriggerIds.TESTS_REGRESSED, false, List.of("not configured: the plan has no tests"));
        }
        if (in.skipTests()) {
            return new Diagnosis.Trigger(TriggerIds.TESTS_REGRESSED, false, List.of("not checked (--skip-tests)"));
        }
        Compare cmp = in.cmp();
        CheckReport now = in.now();
        List<String> ev = cmp.testEvidence();
        boolean fired = !in.regressed().isEmpty() || !cmp.vanishedTests().isEmpty()
                || now.tests().timedOut() || now.tests().tests().isEmpty() && !now.tests().problems().isEmpty();
        if (!fired) {
            ev = new ArrayList<>(List.of(now.tests().summary() + (cmp.alreadyFailing().isEmpty() ? ""
                    : "; " + cmp.alreadyFailing().size() + " failing as in the baseline")));
        } else if (!cmp.hasBaseline() || in.baseline().checks().tests() == null) {
            ev = new ArrayList<>(ev);
            ev.add(0, "no test results in the baseline: every failing test counts");
        }
        return new Diagnosis.Trigger(TriggerIds.TESTS_REGRESSED, fired, ev);
    }
}
