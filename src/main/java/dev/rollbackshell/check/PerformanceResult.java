package dev.rollbackshell.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The performance check's runs.
 *
 * @param runsMillis    the first round's runs
 * @param medianMillis  the median the verdict stands on: the first round's, or, when a second
 *                      round was taken to confirm a slowdown, the lower of the two rounds' medians
 * @param measured      "reported" (the time the program printed, read with the plan's pattern) or "wall"
 * @param error         why it could not be measured (the check failed), or null
 * @param confirmMillis the second round's runs (up to the one that failed, if one did), taken because
 *                      the first round's median was a regression; null when there was none
 *                      (docs/plan.md, "A slowdown is measured twice")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PerformanceResult(String id, List<Long> runsMillis, Long medianMillis, String measured, String error,
        String output, List<Long> confirmMillis) {

    public PerformanceResult {
        runsMillis = runsMillis == null ? List.of() : List.copyOf(runsMillis);
        confirmMillis = confirmMillis == null ? null : List.copyOf(confirmMillis);
    }

    /** One round, as measured when there is nothing to confirm. */
    public PerformanceResult(String id, List<Long> runsMillis, Long medianMillis, String measured, String error, String output) {
        this(id, runsMillis, medianMillis, measured, error, output, null);
    }

    /** Whether a second round was taken (and the verdict stands on the lower median). */
    public boolean confirmed() {
        return confirmMillis != null;
    }

    public boolean ok() {
        return error == null && medianMillis != null;
    }

    public PerformanceResult compact() {
        return new PerformanceResult(id, runsMillis, medianMillis, measured, error, null, confirmMillis);
    }
}
