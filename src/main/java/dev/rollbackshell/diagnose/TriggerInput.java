package dev.rollbackshell.diagnose;

import dev.rollbackshell.check.Baseline;
import dev.rollbackshell.check.CheckReport;
import dev.rollbackshell.check.CheckResult;
import dev.rollbackshell.check.Compare;
import dev.rollbackshell.check.TestOutcome;
import dev.rollbackshell.plan.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * What every {@link TriggerEvaluator} judges, worked out once by {@link Diagnoser}: the
 * plan, the checks run now, their comparison with the baseline, and the findings more than
 * one step of the diagnosis uses (regressed tests, failing start-up checks, data problems,
 * broken components).
 */
record TriggerInput(Plan plan, CheckReport now, Compare cmp, Baseline baseline, boolean skipTests,
        List<TestOutcome> regressed, List<CheckResult> startup, List<String> dataProblems, List<CheckResult> broken) {

    static TriggerInput of(Plan plan, CheckReport now, Compare cmp, Baseline baseline, boolean skipTests) {
        return new TriggerInput(plan, now, cmp, baseline, skipTests, cmp.regressedTests(), cmp.failingStartupChecks(),
                cmp.dataProblems(), cmp.brokenComponents());
    }

    /** The failure output the implicated files and the scenarios are read from, in this order. */
    List<String> failureTexts() {
        List<String> texts = new ArrayList<>();
        startup.forEach(c -> texts.add(c.output()));
        broken.forEach(c -> texts.add(c.output()));
        regressed.forEach(t -> texts.add(t.detail()));
        if (now.tests() != null && !now.tests().problems().isEmpty()) {
            texts.add(now.tests().output());
        }
        if (now.performance() != null && !now.performance().ok()) {
            texts.add(now.performance().output());
        }
        return texts;
    }
}
