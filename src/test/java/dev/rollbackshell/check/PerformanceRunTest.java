package dev.rollbackshell.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollbackshell.plan.PerformanceCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The performance check measured with real processes whose reported times the test sets run
 * by run, so that the second round, which a slowdown gets before it counts, is deterministic.
 */
class PerformanceRunTest {

    @TempDir
    Path dir;

    private final List<String> said = new ArrayList<>();

    /** A baseline of 100 ms, measured the same way. */
    private static final PerformanceResult BASELINE = new PerformanceResult("perf", List.of(100L, 100L, 100L), 100L,
            "reported", null, null);

    @Test
    void aSlowdownOneRoundDoesNotShowAgainIsLoadNotARegression() throws Exception {
        PerformanceCheck pc = check(0.5, 0.5, 0.5, 0.1, 0.11, 0.1);
        PerformanceResult p = measure(pc, PerformanceComparison.slowdown(BASELINE, pc));

        assertThat(p.runsMillis()).containsExactly(500L, 500L, 500L);
        assertThat(p.confirmMillis()).containsExactly(100L, 110L, 100L);
        assertThat(p.medianMillis()).isEqualTo(100L);
        Compare.PerfVerdict v = PerformanceComparison.verdict(p, BASELINE, pc);
        assertThat(v.regressed()).isFalse();
        assertThat(v.line()).isEqualTo("perf: median 100ms now vs 100ms in the baseline (+0%, limit +50%); the first round's"
                + " median of 500ms was not seen again in a second round, so it counts as load on the machine, not a regression");
        assertThat(said).containsExactly("performance perf: median 500ms of 3 runs",
                "performance perf: slower than the plan allows; measuring once more before it counts",
                "performance perf: median 100ms of 3 more runs: not slower this time (the first round counts as the machine's load)");
    }

    @Test
    void aSlowdownSeenTwiceIsARegressionOnTheLowerMedian() throws Exception {
        PerformanceCheck pc = check(0.5, 0.6, 0.5, 0.3, 0.3, 0.4);
        PerformanceResult p = measure(pc, PerformanceComparison.slowdown(BASELINE, pc));

        assertThat(p.medianMillis()).isEqualTo(300L);
        Compare.PerfVerdict v = PerformanceComparison.verdict(p, BASELINE, pc);
        assertThat(v.regressed()).isTrue();
        assertThat(v.line()).isEqualTo("perf: median 300ms now vs 100ms in the baseline (+200%, limit +50%);"
                + " measured twice, medians 500ms and 300ms");
        assertThat(said.get(2)).isEqualTo("performance perf: median 300ms of 3 more runs: the slowdown is confirmed");
    }

    @Test
    void withinTheLimitOneRoundIsAll() throws Exception {
        PerformanceCheck pc = check(0.12, 0.1, 0.11);
        PerformanceResult p = measure(pc, PerformanceComparison.slowdown(BASELINE, pc));

        assertThat(p.confirmed()).isFalse();
        assertThat(p.medianMillis()).isEqualTo(110L);
        assertThat(PerformanceComparison.verdict(p, BASELINE, pc).line())
                .isEqualTo("perf: median 110ms now vs 100ms in the baseline (+10%, limit +50%)");
        assertThat(said).containsExactly("performance perf: median 110ms of 3 runs");
    }

    @Test
    void withoutABaselineTheLimitInSecondsIsTheRuleAndABaselineIsMeasuredOnce() throws Exception {
        PerformanceCheck pc = check(6.0, 6.0, 6.0, 1.0, 1.0, 1.0);
        PerformanceResult p = measure(pc, PerformanceComparison.slowdown(null, pc));
        assertThat(p.confirmMillis()).containsExactly(1000L, 1000L, 1000L);
        assertThat(PerformanceComparison.verdict(p, null, pc).regressed()).isFalse();

        said.clear();
        PerformanceResult baseline = measure(check(6.0, 6.0, 6.0), Slowdown.NONE);
        assertThat(baseline.confirmed()).isFalse();
        assertThat(baseline.medianMillis()).isEqualTo(6000L);
    }

    @Test
    void aSecondRoundThatFailsIsNotMeasured() throws Exception {
        PerformanceCheck pc = check(0.5, 0.5, 0.5, -1);
        PerformanceResult p = measure(pc, PerformanceComparison.slowdown(BASELINE, pc));
        assertThat(p.ok()).isFalse();
        assertThat(p.runsMillis()).containsExactly(500L, 500L, 500L);
        assertThat(p.confirmMillis()).isEmpty();
        Compare.PerfVerdict v = PerformanceComparison.verdict(p, BASELINE, pc);
        assertThat(v.failedToRun()).isTrue();
        assertThat(v.line()).startsWith("perf: could not be measured: ").endsWith(" (in the second round, taken because"
                + " the first round's median of 500ms was slower than the plan allows)");
    }

    /**
     * A check whose n-th run reports the n-th of {@code seconds} ("completed in 0.50s"); a
     * negative one makes that run fail.
     */
    private PerformanceCheck check(double... seconds) throws Exception {
        StringBuilder list = new StringBuilder();
        for (double s : seconds) {
            list.append(s).append(',');
        }
        Path counter = dir.resolve("count");
        Files.writeString(counter, "0");
        String python = String.join("\n",
                "import sys",
                "times = [" + list + "]",
                "n = int(open(" + pyString(counter) + ").read())",
                "open(" + pyString(counter) + ", 'w').write(str(n + 1))",
                "if times[n] < 0: sys.exit('broken')",
                "print(f'completed in {times[n]:.2f}s')");
        return new PerformanceCheck("perf", null, null, python, 3, 50.0, 5.0, "completed in ([0-9.]+)s", 50L, 60);
    }

    private static String pyString(Path p) {
        return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private PerformanceResult measure(PerformanceCheck pc, Slowdown slowdown) {
        return new PerformanceRun("python3", dir, Map.of(), ms -> { }).measure(pc, slowdown, said::add);
    }
}
