package dev.rollbackshell.check;

import dev.rollbackshell.plan.PerformanceCheck;
import java.util.Locale;

/**
 * The performance verdict for {@link Compare}: the median now against the baseline's, in
 * per cent of it and beyond the plan's noise floor in milliseconds; without a (measured)
 * baseline, against the plan's {@code maxSeconds}; one line that says which and why.
 */
final class PerformanceComparison {

    private PerformanceComparison() {
    }

    /** Regressed or not, and why, in one line; null when not run ({@code p} or {@code pc} null). */
    static Compare.PerfVerdict verdict(PerformanceResult p, PerformanceResult b, PerformanceCheck pc) {
        if (p == null || pc == null) {
            return null;
        }
        if (!p.ok()) {
            return new Compare.PerfVerdict(false, true, p.id() + ": could not be measured: " + p.error());
        }
        if (b != null && b.ok()) {
            long nowMs = p.medianMillis();
            long baseMs = b.medianMillis();
            double pct = baseMs == 0 ? (nowMs == 0 ? 0 : 100_000) : (nowMs - baseMs) * 100.0 / baseMs;
            boolean regressed = pct > pc.threshold() && nowMs - baseMs >= pc.noise();
            String line = String.format(Locale.ROOT, "%s: median %s now vs %s in the baseline (%+.0f%%, limit +%.0f%%)",
                    p.id(), CheckSuite.duration(nowMs), CheckSuite.duration(baseMs), pct, pc.threshold());
            if (pct > pc.threshold() && !regressed) {
                // slower by more than the limit in per cent, but by fewer milliseconds than timing noise
                line += String.format(Locale.ROOT, "; the %s difference is under the plan's noise floor of %s, so not a regression",
                        CheckSuite.duration(nowMs - baseMs), CheckSuite.duration(pc.noise()));
            }
            return new Compare.PerfVerdict(regressed, false, line);
        }
        if (pc.maxSeconds() != null) {
            boolean slow = p.medianMillis() > pc.maxSeconds() * 1000;
            return new Compare.PerfVerdict(slow, false, String.format(Locale.ROOT, "%s: median %s, limit %.2fs (no baseline to compare)",
                    p.id(), CheckSuite.duration(p.medianMillis()), pc.maxSeconds()));
        }
        return new Compare.PerfVerdict(false, false, p.id() + ": median " + CheckSuite.duration(p.medianMillis())
                + " (no baseline and no maxSeconds to compare with)");
    }
}
