package dev.rollbackshell.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The result of {@code verify}: {@code {ok, steps: [{id, status, detail}], cached}},
 * plus when, against which backup's baseline, and how long it took.
 *
 * @param cached    the checks' results came from the cache (nothing changed since {@code checkedAt})
 * @param checkedAt when the checks ran
 * @param tree      fingerprint of the protected tree the checks ran on (status tells whether it still is)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verification(boolean ok, List<Step> steps, Instant at, String backup, String baseline, long millis,
        boolean cached, Instant checkedAt, String tree) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String NOT_CONFIGURED = "not-configured";
    /** Fails now exactly as it did in the baseline: shown, never a regression (ok stays true). */
    public static final String FAILING_AS_IN_BASELINE = "failing-as-in-baseline";

    public Verification {
        steps = List.copyOf(steps);
    }

    /** Without the check-cache fields (results of a fresh run, tree not recorded). */
    public Verification(boolean ok, List<Step> steps, Instant at, String backup, String baseline, long millis) {
        this(ok, steps, at, backup, baseline, millis, false, at, null);
    }

    /**
     * One validation step: passed, failed (detail says why), failing-as-in-baseline (fails
     * exactly as before the change: not a regression) or not-configured (detail says what to add).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String id, String title, String status, String detail) {
    }

    public long count(String status) {
        return steps.stream().filter(s -> s.status().equals(status)).count();
    }

    /** "3 passed, 1 failed, 1 not configured" (and "1 failing as in the baseline" when there is one). */
    public String summary() {
        long old = count(FAILING_AS_IN_BASELINE);
        return count(PASSED) + " passed, " + count(FAILED) + " failed, " + (old == 0 ? "" : old + " failing as in the baseline, ")
                + count(NOT_CONFIGURED) + " not configured";
    }
}
