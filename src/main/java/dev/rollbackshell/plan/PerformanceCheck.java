package dev.rollbackshell.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The performance check: run {@code runs} times, take the median; it has regressed when
 * the median is more than {@code thresholdPercent} slower than the baseline's (runbook:
 * 50) and slower by at least {@code noiseMillis}. {@code durationPattern} (a regular
 * expression whose first group is seconds) reads the time the program measured itself
 * from its output; without it the process's wall time counts. {@code maxSeconds} is the
 * absolute limit used when there is no baseline (runbook: 5.0).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PerformanceCheck(String id, String title, List<String> command, String python, Integer runs,
        Double thresholdPercent, Double maxSeconds, String durationPattern, Long noiseMillis, Integer timeoutSeconds) {

    public PerformanceCheck {
        PlanException.require((command == null) != (python == null), "performance: needs exactly one of command, python");
        PlanException.require(runs == null || runs >= 1, "performance: runs must be at least 1");
        PlanException.require(thresholdPercent == null || thresholdPercent > 0, "performance: thresholdPercent must be positive");
        PlanException.require(maxSeconds == null || maxSeconds > 0, "performance: maxSeconds must be positive");
        PlanException.require(noiseMillis == null || noiseMillis >= 0, "performance: noiseMillis must not be negative");
        if (durationPattern != null) {
            try {
                PlanException.require(Pattern.compile(durationPattern).matcher("").groupCount() >= 1,
                        "performance: durationPattern needs a group for the seconds");
            } catch (PatternSyntaxException e) {
                throw new PlanException("performance: durationPattern is not a regular expression: " + e.getDescription());
            }
        }
        command = command == null ? null : List.copyOf(command);
    }

    public String idOrDefault() {
        return id == null ? "performance" : id;
    }

    public int runsOrDefault() {
        return runs == null ? 3 : runs;
    }

    public double threshold() {
        return thresholdPercent == null ? 50.0 : thresholdPercent;
    }

    public long noise() {
        return noiseMillis == null ? 50 : noiseMillis;
    }

    public Check asCheck() {
        return new Check(idOrDefault(), title, command, python, null, null, timeoutSeconds == null ? 300 : timeoutSeconds);
    }
}
