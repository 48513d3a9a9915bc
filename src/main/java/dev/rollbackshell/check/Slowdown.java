package dev.rollbackshell.check;

import dev.rollbackshell.plan.PerformanceCheck;

/**
 * Whether the performance check's median (in milliseconds) is a slowdown, by the rule its
 * verdict will use ({@link Compare#performance}): told to the measurement, which measures a
 * slowdown once more before it counts (docs/plan.md, "A slowdown is measured twice").
 */
@FunctionalInterface
public interface Slowdown {

    /** No verdict follows (the checks of a baseline): one round, nothing confirmed. */
    Slowdown NONE = medianMillis -> false;

    boolean test(long medianMillis);

    /**
     * The rule of the comparison with {@code baseline}, the one given to {@link Compare}
     * (null: none, so the plan's {@code maxSeconds}); {@link #NONE} when the plan has no
     * performance check.
     */
    static Slowdown against(Baseline baseline, PerformanceCheck pc) {
        if (pc == null) {
            return NONE;
        }
        return PerformanceComparison.slowdown(baseline == null ? null : baseline.checks().performance(), pc);
    }
}
