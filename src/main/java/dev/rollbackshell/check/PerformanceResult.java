package dev.rollbackshell.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The performance check's runs.
 *
 * @param measured "reported" (the time the program printed, read with the plan's pattern) or "wall"
 * @param error    why it could not be measured (the check failed), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PerformanceResult(String id, List<Long> runsMillis, Long medianMillis, String measured, String error,
        String output) {

    public PerformanceResult {
        runsMillis = runsMillis == null ? List.of() : List.copyOf(runsMillis);
    }

    public boolean ok() {
        return error == null && medianMillis != null;
    }

    public PerformanceResult compact() {
        return new PerformanceResult(id, runsMillis, medianMillis, measured, error, null);
    }
}
