package dev.rollbackshell.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.plan.Plan;
import dev.rollbackshell.plan.PlanLoader;
import dev.rollbackshell.project.Project;
import dev.rollbackshell.testing.SampleProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plan's checks side by side give what they give one after the other, on the sample
 * broken by each phase of the runbook: the same results, check by check and test by test,
 * and the same progress lines in the same order.
 */
class ParallelChecksTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "phase {0}")
    @ValueSource(strings = {"1", "2", "3", "nuclear"})
    void sideBySideEqualsOneAfterTheOther(String phase) {
        SampleProject.copyTo(dir);
        assertThat(SampleProject.breakIt(dir, phase).status()).isZero();
        Plan plan = new PlanLoader(Project.at(dir)).active().plan();

        List<String> seqLines = Collections.synchronizedList(new ArrayList<>());
        CheckReport seq = new CheckSuite(plan, dir, seqLines::add, Interpreter.of(dir)).run(CheckSuite.Options.ALL.withJobs(1));
        List<String> parLines = Collections.synchronizedList(new ArrayList<>());
        CheckReport par = new CheckSuite(plan, dir, parLines::add, Interpreter.of(dir)).run(CheckSuite.Options.ALL.withJobs(4));

        assertThat(essence(par)).isEqualTo(essence(seq));
        assertThat(withoutTimes(parLines)).isEqualTo(withoutTimes(seqLines));
        // the breakage shows in the checks (so the comparison compares something)
        assertThat(seq.importsOrEmpty().stream().allMatch(CheckResult::passed)
                && seq.componentsOrEmpty().stream().allMatch(CheckResult::passed)
                && seq.tests().tests().stream().noneMatch(t -> !t.status().equals(TestOutcome.PASSED))).isFalse();
        assertThat(seq.performance()).isNotNull();
        assertThat(par.performance().error()).isEqualTo(seq.performance().error());
        assertThat(par.performance().runsMillis()).hasSameSizeAs(seq.performance().runsMillis());
    }

    /** What a run found, without its timings and temporary file names. */
    private static List<Object> essence(CheckReport r) {
        List<Object> out = new ArrayList<>();
        for (List<CheckResult> section : List.of(r.importsOrEmpty(), r.functionalityOrEmpty(), r.componentsOrEmpty())) {
            for (CheckResult c : section) {
                out.add(List.of(c.id(), c.kind(), c.passed(), c.summary(), Objects.toString(c.output())));
            }
        }
        out.add(String.valueOf(r.componentStatus()));
        out.add(String.valueOf(r.data()));
        TestRun t = r.tests();
        out.add(List.of(t.runner(), t.exitCode(), t.timedOut(), t.problems(), Objects.toString(t.note()), t.summary()));
        for (TestOutcome o : t.tests()) {
            out.add(List.of(o.id(), o.status(), Objects.toString(o.file()), Objects.toString(o.detail())));
        }
        return out;
    }

    private static List<String> withoutTimes(List<String> lines) {
        return lines.stream().filter(l -> !l.contains("still running"))
                .map(l -> l.replaceAll("\\d+(\\.\\d+)?m?s\\b", "T").replaceAll("--junitxml=\\S+", "")).toList();
    }
}
