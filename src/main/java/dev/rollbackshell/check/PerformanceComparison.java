package dev.rollbackshell.check;

import dev.rollbackshell.plan.PerformanceCheck;
import java.util.Locale;

/**
 * The performance verdict for {@link Compare}: the median now against the baseline's, in
 * per cent of it and beyond the plan's noise floor in milliseconds; without a (measured)
 * baseline, against the plan's {@code maxSeconds}; one line that says which and why. The
 * same rule tells the measurement when to confirm a slowdown ({@link #slowdown}).
 */
final class PerformanceComparison {

    private PerformanceComparison() {
    }

    /** The rule of {@link #verdict} for a median measured now, against {@code b} (null or not measured: none). */
    static Slowdown slowdown(PerformanceResult b, PerformanceCheck pc) {
        return nowMs -> regressed(nowMs, b, pc);
    }

    private static boolean regressed(long nowMs, PerformanceResult b, PerformanceCheck pc) {
        if (b != null && b.ok()) {
            return percent(nowMs, b.medianMillis()) > pc.threshold() && nowMs - b.medianMillis() >= pc.noise();
        }
        return pc.maxSeconds() != null && nowMs > pc.maxSeconds() * 1000;
    }

    private static double percent(long nowMs, long baseMs) {
        return baseMs == 0 ? (nowMs == 0 ? 0 : 100_000) : (nowMs - baseMs) * 100.0 / baseMs;
    }

    /** Regressed or not, and why, in one line; null when not run ({@code p} or {@code pc} null). */
    static Compare.PerfVerdict verdict(PerformanceResult p, PerformanceResult b, PerformanceCheck pc) {
        if (p == null || pc == null) {
            return null;
        }
        if (!p.ok()) {
            return new Compare.PerfVerdict(false, true, p.id() + ": could not be measured: " + p.error());
        }
        long nowMs = p.medianMillis();
        boolean regressed = regressed(nowMs, b, pc);
        String line;
        if (b != null && b.ok()) {
            long baseMs = b.medianMillis();
            double pct = percent(nowMs, baseMs);
            line = String.format(Locale.ROOT, "%s: median %s now vs %s in the baseline (%+.0f%%, limit +%.0f%%)",
                    p.id(), CheckSuite.duration(nowMs), CheckSuite.duration(baseMs), pct, pc.threshold());
            if (pct > pc.threshold() && !regressed) {
                // slower by more than the limit in per cent, but by fewer milliseconds than timing noise
                line += String.format(Locale.ROOT, "; the %s difference is under the plan's noise floor of %s, so not a regression",
                        CheckSuite.duration(nowMs - baseMs), CheckSuite.duration(pc.noise()));
            }
        } else if (pc.maxSeconds() != null) {
            line = String.format(Locale.ROOT, "%s: median %s, limit %.2fs (no baseline to compare)",
                    p.id(), CheckSuite.duration(nowMs), pc.maxSeconds());
        } else {
            line = p.id() + ": median " + CheckSuite.duration(nowMs) + " (no baseline and no maxSeconds to compare with)";
        }
        return new Compare.PerfVerdict(regressed, false, line + confirmation(p, regressed));
    }

    /** What the second round showed, when one was taken: the verdict stands on the lower median. */
    private static String confirmation(PerformanceResult p, boolean regressed) {
        if (!p.confirmed()) {
            return "";
        }
        long first = PerformanceRun.median(p.runsMillis());
        long second = PerformanceRun.median(p.confirmMillis());
        return regressed
                ? "; measured twice, medians " + CheckSuite.duration(first) + " and " + CheckSuite.duration(second)
                : "; the first round's median of " + CheckSuite.duration(first)
                        + " was not seen again in a second round, so it counts as load on the machine, not a regression";
    }
}
